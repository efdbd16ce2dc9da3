import tensorflow as tf


def depthwise_conv(x, kernel, stride, padding, dilation):
    """A 1-D or 2-D convolution with one group per input feature, x (batch, *spatial, in) and
    kernel (*window, 1, out), as tf.nn.depthwise_conv2d, which has a gradient on the CPU where
    a grouped tf.nn.convolution has none: output feature g * m + j reads input feature g, as
    in lax."""
    one_d = len(kernel.shape) == 3
    if one_d:  # as a 2-D convolution of height 1
        x, kernel = x[:, None], kernel[None]
    if isinstance(dilation, int):
        dilation = (dilation, dilation)
    elif one_d:
        dilation = (1, *dilation)
    filters = tf.reshape(kernel, (*kernel.shape[:2], x.shape[-1], -1))
    y = tf.nn.depthwise_conv2d(
        x, filters, (1, stride, stride, 1), padding, dilations=dilation
    )
    return y[:, 0] if one_d else y
