import math

import numpy as np

from .lecun_normal import lecun_normal


class LinearGeneral:
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
        rng = np.random.default_rng() if rngs is None else rngs.params()
        self.in_shape = (in_shape,) if isinstance(in_shape, int) else tuple(in_shape)
        out_shape = (out_shape,) if isinstance(out_shape, int) else tuple(out_shape)
        fan_in, fan_out = math.prod(self.in_shape), math.prod(out_shape)
        kernel = (kernel_init or lecun_normal)(rng, (fan_in, fan_out))
        self.kernel = np.reshape(kernel, (*self.in_shape, *out_shape))
        self.bias = None
        if use_bias:
            bias = (
                np.zeros(fan_out, dtype=np.float32)
                if bias_init is None
                else bias_init(rng, (fan_out,))
            )
            self.bias = np.reshape(bias, out_shape)

    def __call__(self, x):
        # one matmul over the contracted axes flattened (np.tensordot's checks cost more)
        n = len(self.in_shape)
        y = x.reshape(*x.shape[: x.ndim - n], -1) @ self.kernel.reshape(
            math.prod(self.in_shape), -1
        )
        y = y.reshape(*y.shape[:-1], *self.kernel.shape[n:])
        return y if self.bias is None else y + self.bias
