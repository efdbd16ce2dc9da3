import numpy as np


class RMSNorm:
    """nnx.RMSNorm over the last axis, as in Flax: x / sqrt(mean(x^2) + epsilon) * scale."""

    def __init__(self, num_features, epsilon=1e-6, use_scale=True, rngs=None):
        self.epsilon = epsilon
        self.scale = np.ones(num_features, dtype=np.float32) if use_scale else None

    def __call__(self, x):
        y = x / np.sqrt(
            np.mean(np.square(x), axis=-1, keepdims=True) + np.float32(self.epsilon)
        )
        return y if self.scale is None else y * self.scale
