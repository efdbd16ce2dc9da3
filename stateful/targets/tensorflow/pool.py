import tensorflow as tf

from ..shared.conv_padding import conv_padding


def pool(x, window_shape, strides, padding, value, pooling_type):
    """flax.linen.pooling.pool over the window axes of x (batch..., *window, features): x
    padded with value as lax.reduce_window pads it ('SAME': the smaller half before),
    then tf.nn.pool's pooling_type ('MAX' or 'AVG') over each window."""
    spatial = len(window_shape)
    strides = (1,) * spatial if strides is None else tuple(strides)
    batch = tf.shape(x)[: len(x.shape) - spatial - 1]
    x = tf.reshape(x, tf.concat([[-1], tf.shape(x)[len(x.shape) - spatial - 1 :]], 0))
    pads = conv_padding(padding, x.shape[1:-1], window_shape, strides)
    x = tf.pad(x, [(0, 0), *pads, (0, 0)], constant_values=value)
    # without an explicit data_format, the gradient of a 3-D pool fails
    data_format = ("NWC", "NHWC", "NDHWC")[spatial - 1]
    y = tf.nn.pool(
        x,
        window_shape,
        pooling_type,
        strides=strides,
        padding="VALID",
        data_format=data_format,
    )
    return tf.reshape(y, tf.concat([batch, tf.shape(y)[1:]], 0))
