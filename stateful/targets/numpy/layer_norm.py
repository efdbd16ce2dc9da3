import numpy as np


class LayerNorm:
    """nnx.LayerNorm over the last axis: variance E[x^2] - E[x]^2 (clipped at 0), as in Flax."""

    def __init__(
        self, num_features, epsilon=1e-6, use_bias=True, use_scale=True, rngs=None
    ):
        self.epsilon = epsilon
        self.scale = np.ones(num_features, dtype=np.float32) if use_scale else None
        self.bias = np.zeros(num_features, dtype=np.float32) if use_bias else None

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
