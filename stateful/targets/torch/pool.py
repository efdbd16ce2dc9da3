import torch

from ..shared.conv_padding import conv_padding


def pool(x, window_shape, strides, padding, value, functions):
    """flax.linen.pooling.pool over the window axes of x (batch..., *window, features): x
    padded with value as lax.reduce_window pads it ('SAME': the smaller half before),
    then pooled by functions[len(window_shape) - 1], torch's channels-first pooling."""
    spatial = len(window_shape)
    strides = (1,) * spatial if strides is None else tuple(strides)
    batch = x.shape[: x.ndim - spatial - 1]
    x = torch.movedim(x.reshape(-1, *x.shape[len(batch) :]), -1, 1)
    widths = []  # torch pads the last axis first
    for low, high in reversed(
        conv_padding(padding, x.shape[2:], window_shape, strides)
    ):
        widths.extend((low, high))
    y = functions[spatial - 1](
        torch.nn.functional.pad(x, widths, value=value), window_shape, stride=strides
    )
    y = torch.movedim(y, 1, -1)
    return y.reshape(*batch, *y.shape[1:])
