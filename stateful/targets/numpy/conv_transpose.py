import numpy as np

from ..shared.conv_sizes import conv_sizes
from ..shared.conv_transpose_padding import conv_transpose_padding
from .conv_general_dilated import conv_general_dilated
from .lecun_normal import lecun_normal


class ConvTranspose:
    """nnx.ConvTranspose (lax.conv_transpose), channels-last, with Flax's kernel
    (*kernel_size, in, out), or (*kernel_size, out, in) with transpose_kernel, which is
    flipped and swapped before use. The input is dilated by strides and padded as
    conv_transpose_padding computes, then convolved with stride 1. kernel_init / bias_init
    (init(key, shape)) draw the initial values (else LeCun normal and zeros, as in
    Flax)."""

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
        self.kernel_size, self.strides, self.kernel_dilation = conv_sizes(
            kernel_size, strides, kernel_dilation
        )
        self.padding = padding
        self.transpose_kernel = transpose_kernel
        rng = np.random.default_rng() if rngs is None else rngs.params()
        features = (in_features, out_features)
        if transpose_kernel:
            features = (out_features, in_features)
        shape = (*self.kernel_size, *features)
        self.kernel = np.asarray((kernel_init or lecun_normal)(rng, shape), np.float32)
        self.bias = None
        if use_bias:
            self.bias = (
                np.zeros(out_features, dtype=np.float32)
                if bias_init is None
                else np.asarray(bias_init(rng, (out_features,)), np.float32)
            )

    def __call__(self, x):
        kernel = self.kernel
        if self.transpose_kernel:
            kernel = np.swapaxes(
                np.flip(kernel, tuple(range(len(self.kernel_size)))), -1, -2
            )
        pads = conv_transpose_padding(
            self.padding, self.kernel_size, self.strides, self.kernel_dilation
        )
        ones = (1,) * len(self.kernel_size)
        y = conv_general_dilated(
            x, kernel, ones, pads, self.strides, self.kernel_dilation, 1
        )
        return y if self.bias is None else y + self.bias
