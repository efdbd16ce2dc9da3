import numpy as np


class Linear:
    """nnx.Linear: x @ kernel + bias, with kernel (in, out) as in Flax."""

    def __init__(self, in_features, out_features, use_bias=True, rngs=None):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        kernel = rng.standard_normal((in_features, out_features), dtype=np.float32)
        self.kernel = kernel / np.sqrt(in_features)
        self.bias = np.zeros(out_features, dtype=np.float32) if use_bias else None

    def __call__(self, x):
        y = np.matmul(x, self.kernel)
        return y if self.bias is None else y + self.bias
