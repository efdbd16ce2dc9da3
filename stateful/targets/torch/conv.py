import math

import torch

from ..shared.conv_padding import conv_padding
from ..shared.conv_sizes import conv_sizes
from .dilate import dilate


class Conv(torch.nn.Module):
    """nnx.Conv on channels-last inputs (batch, *spatial, features), as in Flax.

    The weight has torch's layout (out, in // feature_group_count, *kernel_size). 'SAME'
    pads each spatial axis by (total // 2, total - total // 2) for the dilated kernel, as
    XLA does: torch's padding="same" cannot express the asymmetric case (stride > 1).
    input_dilation puts input_dilation - 1 zeros between neighbouring inputs (lax's
    lhs_dilation), which torch's convolutions cannot do themselves."""

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
    ):
        super().__init__()
        self.kernel_size, self.strides, *dilations = conv_sizes(
            kernel_size, strides, input_dilation, kernel_dilation
        )
        self.input_dilation, self.kernel_dilation = dilations
        self.padding = padding
        self.feature_group_count = feature_group_count
        fan_in = in_features // feature_group_count * math.prod(self.kernel_size)
        shape = (out_features, in_features // feature_group_count, *self.kernel_size)
        self.weight = torch.nn.Parameter(torch.randn(shape) / math.sqrt(fan_in))
        self.bias = torch.nn.Parameter(torch.zeros(out_features)) if use_bias else None

    def forward(self, x):
        # any number of leading batch axes (none, one or more), as in Flax
        batch = x.shape[: x.ndim - len(self.kernel_size) - 1]
        x = dilate(
            torch.movedim(x.reshape(-1, *x.shape[len(batch) :]), -1, 1),
            self.input_dilation,
        )
        window = [
            (k - 1) * d + 1 for k, d in zip(self.kernel_size, self.kernel_dilation)
        ]
        widths = []  # torch pads the last axis first
        for low, high in reversed(
            conv_padding(self.padding, x.shape[2:], window, self.strides)
        ):
            widths.extend((low, high))
        x = torch.nn.functional.pad(x, widths)
        conv = (
            torch.nn.functional.conv1d,
            torch.nn.functional.conv2d,
            torch.nn.functional.conv3d,
        )
        y = conv[len(self.kernel_size) - 1](
            x,
            self.weight,
            self.bias,
            stride=self.strides,
            dilation=self.kernel_dilation,
            groups=self.feature_group_count,
        )
        y = torch.movedim(y, 1, -1)
        return y.reshape(*batch, *y.shape[1:])
