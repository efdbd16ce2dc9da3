import numpy as np

from ..shared.per_target import norm_params


class LayerNorm:
    """nnx.LayerNorm over the last axis: variance E[x^2] - E[x]^2 (clipped at 0), as in Flax. The scale and bias start at ones and zeros unless scale_init / bias_init
    (init(key, shape)) draw them from rngs."""

    def __init__(
        self,
        num_features,
        epsilon=1e-6,
        use_bias=True,
        use_scale=True,
        scale_init=None,
        bias_init=None,
        rngs=None,
    ):
        self.epsilon = epsilon
        self.scale, self.bias = norm_params(
            num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def __call__(self, x):
        mean = np.mean(x, axis=-1, keepdims=True)
        variance = np.maximum(
            np.mean(np.square(x), axis=-1, keepdims=True) - np.square(mean), 0.0
        )
        y = (x - mean) / np.sqrt(variance + np.float32(self.epsilon))
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y
