import torch

from ..shared.conv_sizes import conv_sizes
from ..shared.conv_transpose_padding import conv_transpose_padding
from .conv_weight import conv_weight


class ConvTranspose(torch.nn.Module):
    """nnx.ConvTranspose (lax.conv_transpose) on channels-last inputs, as in Flax.

    Flax correlates the input, dilated by strides and padded as conv_transpose_padding
    computes, with its kernel (*kernel_size, in, out). The weight is that kernel in
    torch's conv layout (out, in, *kernel_size); with transpose_kernel (Flax's kernel
    (*kernel_size, out, in), flipped and swapped) it is torch's own ConvTranspose layout
    (in, out, *kernel_size). torch's conv_transpose correlates the dilated input, padded
    by dilation * (kernel - 1) on each side, with its weight flipped and swapped: so the
    weight is flipped and swapped for it unless transpose_kernel, and its output is then
    cropped or zero-padded to Flax's padding. kernel_init / bias_init (init(key, shape),
    Flax's kernel layout) draw the initial values (else LeCun normal and zeros, as in
    Flax), from rngs."""

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
        features = (out_features, in_features)
        if transpose_kernel:
            features = (in_features, out_features)
        key = None if rngs is None else rngs.params()
        shape = (*features, *self.kernel_size)
        self.weight = torch.nn.Parameter(conv_weight(kernel_init, key, shape))
        self.bias = None
        if use_bias:
            bias = torch.zeros(out_features)
            if bias_init is not None:
                bias = torch.as_tensor(bias_init(key, (out_features,)))
            self.bias = torch.nn.Parameter(bias.to(torch.float32))

    def forward(self, x):
        # any number of leading batch axes (none, one or more), as in Flax
        batch = x.shape[: x.ndim - len(self.kernel_size) - 1]
        x = torch.movedim(x.reshape(-1, *x.shape[len(batch) :]), -1, 1)
        weight = self.weight
        if not self.transpose_kernel:
            weight = torch.flip(weight, tuple(range(2, weight.ndim))).transpose(0, 1)
        conv = (
            torch.nn.functional.conv_transpose1d,
            torch.nn.functional.conv_transpose2d,
            torch.nn.functional.conv_transpose3d,
        )
        y = conv[len(self.kernel_size) - 1](
            x, weight, stride=self.strides, dilation=self.kernel_dilation
        )
        pads = conv_transpose_padding(
            self.padding, self.kernel_size, self.strides, self.kernel_dilation
        )
        widths = []  # torch pads the last axis first; a negative width crops
        for (low, high), size, dilation in reversed(
            list(zip(pads, self.kernel_size, self.kernel_dilation))
        ):
            full = dilation * (size - 1)
            widths.extend((low - full, high - full))
        y = torch.movedim(torch.nn.functional.pad(y, widths), 1, -1)
        if self.bias is not None:
            y = y + self.bias
        return y.reshape(*batch, *y.shape[1:])
