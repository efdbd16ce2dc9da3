import torch

from ..shared.conv_padding import conv_padding
from .dilate import dilate


def conv_general_dilated(
    x, weight, strides, padding, input_dilation, kernel_dilation, feature_group_count
):
    """lax.conv_general_dilated on channels-last inputs (batch..., *spatial, in), any number
    of leading batch axes, with a weight in torch's layout (out, in // feature_group_count,
    *window).

    'SAME' pads each spatial axis by (total // 2, total - total // 2) for the dilated kernel,
    as XLA does: torch's padding="same" cannot express the asymmetric case (stride > 1).
    input_dilation puts input_dilation - 1 zeros between neighbouring inputs (lax's
    lhs_dilation), which torch's convolutions cannot do themselves."""
    spatial = weight.ndim - 2
    batch = x.shape[: x.ndim - spatial - 1]
    x = dilate(
        torch.movedim(x.reshape(-1, *x.shape[len(batch) :]), -1, 1), input_dilation
    )
    window = [(k - 1) * d + 1 for k, d in zip(weight.shape[2:], kernel_dilation)]
    widths = []  # torch pads the last axis first
    for low, high in reversed(conv_padding(padding, x.shape[2:], window, strides)):
        widths.extend((low, high))
    conv = (
        torch.nn.functional.conv1d,
        torch.nn.functional.conv2d,
        torch.nn.functional.conv3d,
    )
    y = conv[spatial - 1](
        torch.nn.functional.pad(x, widths),
        weight,
        stride=strides,
        dilation=kernel_dilation,
        groups=feature_group_count,
    )
    y = torch.movedim(y, 1, -1)
    return y.reshape(*batch, *y.shape[1:])
