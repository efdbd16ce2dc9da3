import math

import torch


class LinearGeneral(torch.nn.Module):
    """nnx.LinearGeneral over the trailing axes, with Flax's names and layouts: x's last
    len(in_shape) axes (an int is one) contracted with kernel (*in_shape, *out_shape),
    plus bias (*out_shape); the kernel is drawn from rngs."""

    def __init__(self, in_shape, out_shape, use_bias=True, rngs=None):
        super().__init__()
        key = None if rngs is None else rngs.params()
        self.in_shape = (in_shape,) if isinstance(in_shape, int) else tuple(in_shape)
        out_shape = (out_shape,) if isinstance(out_shape, int) else tuple(out_shape)
        kernel = torch.randn((*self.in_shape, *out_shape), generator=key) / math.sqrt(
            math.prod(self.in_shape)
        )
        self.kernel = torch.nn.Parameter(kernel)
        self.bias = torch.nn.Parameter(torch.zeros(out_shape)) if use_bias else None

    def forward(self, x):
        # one linear over the contracted axes flattened (torch.tensordot's checks cost more)
        n = len(self.in_shape)
        kernel = self.kernel.reshape(math.prod(self.in_shape), -1)
        bias = None if self.bias is None else self.bias.flatten()
        y = torch.nn.functional.linear(x if n == 1 else x.flatten(-n), kernel.T, bias)
        return (
            y if self.kernel.ndim == n + 1 else y.unflatten(-1, self.kernel.shape[n:])
        )
