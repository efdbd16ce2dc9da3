import numpy as np

from ..shared.conv_sizes import conv_sizes
from .conv_general_dilated import conv_general_dilated
from .lecun_normal import lecun_normal


class Conv:
    """nnx.Conv on channels-last inputs, with Flax's kernel (*kernel_size, in // feature_group_count, out);
    kernel_init / bias_init (init(key, shape)) draw the initial values (else LeCun
    normal and zeros, as in Flax)."""

    def __init__(
        self,
        in_features,
        out_features,
        kernel_size,
        strides=1,
        padding="SAME",
        input_dilation=1,
        kernel_dilation=1,
        feature_group_count=1,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        self.kernel_size, self.strides, *dilations = conv_sizes(
            kernel_size, strides, input_dilation, kernel_dilation
        )
        self.input_dilation, self.kernel_dilation = dilations
        self.padding = padding
        self.feature_group_count = feature_group_count
        rng = np.random.default_rng() if rngs is None else rngs.params()
        shape = (*self.kernel_size, in_features // feature_group_count, out_features)
        self.kernel = np.asarray((kernel_init or lecun_normal)(rng, shape), np.float32)
        self.bias = None
        if use_bias:
            self.bias = (
                np.zeros(out_features, dtype=np.float32)
                if bias_init is None
                else np.asarray(bias_init(rng, (out_features,)), np.float32)
            )

    def __call__(self, x):
        y = conv_general_dilated(
            x,
            self.kernel,
            self.strides,
            self.padding,
            self.input_dilation,
            self.kernel_dilation,
            self.feature_group_count,
        )
        return y if self.bias is None else y + self.bias
