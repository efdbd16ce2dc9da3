import numpy as np

from .lecun_normal import lecun_normal


class Linear:
    """nnx.Linear: x @ kernel + bias, with kernel (in, out) as in Flax, LeCun-normal, and bias
    zero unless kernel_init / bias_init (init(key, shape)) are given."""

    def __init__(
        self,
        in_features,
        out_features,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        self.kernel = (kernel_init or lecun_normal)(rng, (in_features, out_features))
        self.bias = None
        if use_bias and bias_init is None:
            self.bias = np.zeros(out_features, dtype=np.float32)
        elif use_bias:
            self.bias = bias_init(rng, (out_features,))

    def __call__(self, x):
        y = np.matmul(x, self.kernel)
        return y if self.bias is None else y + self.bias
