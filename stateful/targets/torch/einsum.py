import torch

from ..shared.einsum_bias_shape import einsum_bias_shape
from .lecun_normal import lecun_normal


class Einsum(torch.nn.Module):
    """nnx.Einsum: einsum(einsum_str, x, kernel) + bias, with kernel (kernel_shape) and bias
    (bias_shape) as in Flax, the bias broadcast over the output axes the kernel does not
    name. The kernel starts LeCun-normal (truncated, fan-in prod(kernel_shape[:-1])), the
    bias zero, unless kernel_init / bias_init (init(key, shape)) are given, drawn from
    rngs."""

    def __init__(
        self,
        einsum_str,
        kernel_shape,
        bias_shape=None,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        key = None if rngs is None else rngs.params()
        self.einsum_str = einsum_str.replace(" ", "")
        kernel = (kernel_init or lecun_normal)(key, tuple(kernel_shape))
        self.kernel = torch.nn.Parameter(kernel)
        self.bias = None
        if bias_shape is not None:
            bias = (
                torch.zeros(bias_shape)
                if bias_init is None
                else bias_init(key, tuple(bias_shape))
            )
            self.bias = torch.nn.Parameter(bias)

    def forward(self, x, einsum_str=None):
        einsum_str = (
            self.einsum_str if einsum_str is None else einsum_str.replace(" ", "")
        )
        y = torch.einsum(einsum_str, x, self.kernel)
        if self.bias is None:
            return y
        shape = einsum_bias_shape(einsum_str, self.kernel.shape, y.ndim)
        return y + self.bias.reshape(shape)
