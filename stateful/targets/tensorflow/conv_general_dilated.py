import tensorflow as tf

from ..shared.conv_padding import conv_padding
from .depthwise_conv import depthwise_conv
from .dilate import dilate


def conv_general_dilated(
    x, kernel, strides, padding, input_dilation, kernel_dilation, feature_group_count
):
    """lax.conv_general_dilated as nnx.Conv calls it: x (batch..., *spatial, in), any number of
    leading batch axes, kernel (*window, in // feature_group_count, out).

    TensorFlow's 'SAME' pads as XLA does (the smaller half before), like Flax. TensorFlow
    cannot dilate the kernel and stride at once: the kernel is then dilated with zeros. Its
    CPU kernels have no gradient of a grouped convolution: a depthwise one is
    tf.nn.depthwise_conv2d, any other each group convolved on its own."""
    spatial = len(kernel.shape) - 2
    batch = tf.shape(x)[: len(x.shape) - spatial - 1]
    x = tf.reshape(x, tf.concat([[-1], tf.shape(x)[len(x.shape) - spatial - 1 :]], 0))
    x = dilate(x, input_dilation, 1)
    if not isinstance(padding, str):
        x = tf.pad(
            x,
            [
                (0, 0),
                *conv_padding(padding, x.shape[1:-1], kernel.shape[:spatial], strides),
                (0, 0),
            ],
        )
        padding = "VALID"
    if max(strides) > 1 and max(kernel_dilation) > 1:
        kernel = dilate(kernel, kernel_dilation, 0)
        kernel_dilation = 1
    # without an explicit data_format, the gradient of a 3-D convolution fails
    data_format = ("NWC", "NHWC", "NDHWC")[spatial - 1]
    depthwise = 1 < feature_group_count == x.shape[-1] and spatial < 3
    if depthwise and len(set(strides)) == 1:
        y = depthwise_conv(x, kernel, strides[0], padding, kernel_dilation)
        return tf.reshape(y, tf.concat([batch, tf.shape(y)[1:]], 0))
    # TensorFlow's CPU kernels have no gradient of a grouped convolution: each group is
    # convolved on its own
    groups = feature_group_count
    outputs = []
    for xs, ks in zip(tf.split(x, groups, axis=-1), tf.split(kernel, groups, axis=-1)):
        y = tf.nn.convolution(
            xs,
            ks,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilations=kernel_dilation,
        )
        outputs.append(y)
    y = tf.concat(outputs, -1)
    return tf.reshape(y, tf.concat([batch, tf.shape(y)[1:]], 0))
