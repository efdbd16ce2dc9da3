import numpy as np

from ..shared.einsum_bias_shape import einsum_bias_shape
from .lecun_normal import lecun_normal


class Einsum:
    """nnx.Einsum: einsum(einsum_str, x, kernel) + bias, with kernel (kernel_shape) and bias
    (bias_shape) as in Flax, the bias broadcast over the output axes the kernel does not
    name. The kernel starts LeCun-normal (truncated, fan-in prod(kernel_shape[:-1])), the
    bias zero, unless kernel_init / bias_init (init(key, shape)) are given."""

    def __init__(
        self,
        einsum_str,
        kernel_shape,
        bias_shape=None,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        self.einsum_str = einsum_str.replace(" ", "")
        self.kernel = (kernel_init or lecun_normal)(rng, tuple(kernel_shape))
        self.bias = None
        if bias_shape is not None:
            self.bias = (
                np.zeros(bias_shape, dtype=np.float32)
                if bias_init is None
                else bias_init(rng, tuple(bias_shape))
            )

    def __call__(self, x, einsum_str=None):
        einsum_str = (
            self.einsum_str if einsum_str is None else einsum_str.replace(" ", "")
        )
        y = np.einsum(einsum_str, x, self.kernel, optimize=True)
        if self.bias is None:
            return y
        shape = einsum_bias_shape(einsum_str, self.kernel.shape, y.ndim)
        return y + np.reshape(self.bias, shape)
