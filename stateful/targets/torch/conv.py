import torch

from ..shared.conv_sizes import conv_sizes
from .conv_general_dilated import conv_general_dilated
from .conv_weight import conv_weight


class Conv(torch.nn.Module):
    """nnx.Conv on channels-last inputs (batch, *spatial, features), as in Flax.

    The weight has torch's layout (out, in // feature_group_count, *kernel_size); padding
    and input dilation are lax's (see conv_general_dilated); kernel_init / bias_init
    (init(key, shape), Flax's kernel layout) draw the initial values (else LeCun
    normal and zeros, as in Flax), from rngs."""

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
        super().__init__()
        self.kernel_size, self.strides, *dilations = conv_sizes(
            kernel_size, strides, input_dilation, kernel_dilation
        )
        self.input_dilation, self.kernel_dilation = dilations
        self.padding = padding
        self.feature_group_count = feature_group_count
        shape = (out_features, in_features // feature_group_count, *self.kernel_size)
        key = None if rngs is None else rngs.params()
        self.weight = torch.nn.Parameter(conv_weight(kernel_init, key, shape))
        self.bias = None
        if use_bias:
            bias = torch.zeros(out_features)
            if bias_init is not None:
                bias = torch.as_tensor(bias_init(key, (out_features,)))
            self.bias = torch.nn.Parameter(bias.to(torch.float32))

    def forward(self, x):
        y = conv_general_dilated(
            x,
            self.weight,
            self.strides,
            self.padding,
            self.input_dilation,
            self.kernel_dilation,
            self.feature_group_count,
        )
        return y if self.bias is None else y + self.bias
