import keras
import tensorflow as tf

from ..shared.conv_sizes import conv_sizes
from ..shared.conv_transpose_padding import conv_transpose_padding
from .conv_general_dilated import conv_general_dilated
from .keras_initializer import keras_initializer


class ConvTranspose(keras.Layer):
    """nnx.ConvTranspose (lax.conv_transpose), channels-last, with Flax's kernel
    (*kernel_size, in, out), or (*kernel_size, out, in) with transpose_kernel, which is
    flipped and swapped before use. The input is dilated by strides and padded as
    conv_transpose_padding computes, then convolved with stride 1. The kernel starts
    LeCun-normal and the bias zero unless kernel_init / bias_init (init(key, shape)) are
    given, drawn from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        kernel_size,
        strides=None,
        padding="SAME",
        kernel_dilation=None,
        use_bias=True,
        transpose_kernel=False,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        self.kernel_size, self.strides, self.kernel_dilation = conv_sizes(
            kernel_size, strides, kernel_dilation
        )
        self.padding = padding
        self.transpose_kernel = transpose_kernel
        features = (in_features, out_features)
        if transpose_kernel:
            features = (out_features, in_features)
        self.kernel = self.add_weight(
            shape=(*self.kernel_size, *features),
            initializer=keras_initializer(kernel_init, "lecun_normal", rngs),
            name="kernel",
        )
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(
                shape=(out_features,),
                initializer=keras_initializer(bias_init, "zeros", rngs),
                name="bias",
            )

    def call(self, x):
        kernel = self.kernel
        if self.transpose_kernel:
            spatial = len(self.kernel_size)
            kernel = tf.transpose(
                tf.reverse(kernel, list(range(spatial))),
                [*range(spatial), spatial + 1, spatial],
            )
        pads = conv_transpose_padding(
            self.padding, self.kernel_size, self.strides, self.kernel_dilation
        )
        ones = (1,) * len(self.kernel_size)
        y = conv_general_dilated(
            x, kernel, ones, pads, self.strides, self.kernel_dilation, 1
        )
        return y if self.bias is None else y + self.bias
