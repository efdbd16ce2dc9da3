import numpy as np

from ..shared.per_target import norm_params


class RMSNorm:
    """nnx.RMSNorm over the last axis, as in Flax: x / sqrt(mean(x^2) + epsilon) * scale."""

    def __init__(
        self, num_features, epsilon=1e-6, use_scale=True, scale_init=None, rngs=None
    ):
        self.epsilon = epsilon
        self.scale, _ = norm_params(
            num_features, use_scale, False, scale_init, None, rngs
        )

    def __call__(self, x):
        y = x / np.sqrt(
            np.mean(np.square(x), axis=-1, keepdims=True) + np.float32(self.epsilon)
        )
        return y if self.scale is None else y * self.scale
