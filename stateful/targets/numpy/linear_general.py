import math

import numpy as np


class LinearGeneral:
    """nnx.LinearGeneral over the trailing axes, with Flax's names and layouts: x's last
    len(in_shape) axes (an int is one) contracted with kernel (*in_shape, *out_shape),
    plus bias (*out_shape)."""

    def __init__(self, in_shape, out_shape, use_bias=True, rngs=None):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        self.in_shape = (in_shape,) if isinstance(in_shape, int) else tuple(in_shape)
        out_shape = (out_shape,) if isinstance(out_shape, int) else tuple(out_shape)
        kernel = rng.standard_normal((*self.in_shape, *out_shape), dtype=np.float32)
        self.kernel = kernel / np.float32(np.sqrt(math.prod(self.in_shape)))
        self.bias = np.zeros(out_shape, dtype=np.float32) if use_bias else None

    def __call__(self, x):
        # one matmul over the contracted axes flattened (np.tensordot's checks cost more)
        n = len(self.in_shape)
        y = x.reshape(*x.shape[: x.ndim - n], -1) @ self.kernel.reshape(
            math.prod(self.in_shape), -1
        )
        y = y.reshape(*y.shape[:-1], *self.kernel.shape[n:])
        return y if self.bias is None else y + self.bias
