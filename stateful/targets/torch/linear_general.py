import math

import torch

from .lecun_normal import lecun_normal


class LinearGeneral(torch.nn.Module):
    """nnx.LinearGeneral over the trailing axes, with Flax's names and layouts: x's last
    len(in_shape) axes (an int is one) contracted with kernel (*in_shape, *out_shape),
    plus bias (*out_shape). As Flax does, kernel_init draws the kernel flattened to
    (prod(in_shape), prod(out_shape)) (LeCun normal, truncated, by default) and bias_init
    the bias flattened (zeros by default), from rngs."""

    def __init__(
        self,
        in_shape,
        out_shape,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        key = None if rngs is None else rngs.params()
        self.in_shape = (in_shape,) if isinstance(in_shape, int) else tuple(in_shape)
        self.out_shape = (
            (out_shape,) if isinstance(out_shape, int) else tuple(out_shape)
        )
        self.fan_in = math.prod(self.in_shape)
        fan_out = math.prod(self.out_shape)
        kernel = (kernel_init or lecun_normal)(key, (self.fan_in, fan_out))
        self.kernel = torch.nn.Parameter(
            kernel.reshape(*self.in_shape, *self.out_shape)
        )
        self.bias = None
        if use_bias:
            bias = (
                torch.zeros(fan_out)
                if bias_init is None
                else bias_init(key, (fan_out,))
            )
            self.bias = torch.nn.Parameter(bias.reshape(self.out_shape))

    def forward(self, x):
        # one matrix product of x's rows over the contracted axes, flattened, with the
        # parameters' flat views (F.linear's transposes, torch.tensordot's checks cost more)
        rows = x.reshape(-1, self.fan_in)
        kernel, bias = self.kernel.reshape(self.fan_in, -1), self.bias
        y = (
            torch.mm(rows, kernel)
            if bias is None
            else torch.addmm(bias.reshape(-1), rows, kernel)
        )
        return y.view(*x.shape[: x.ndim - len(self.in_shape)], *self.out_shape)
