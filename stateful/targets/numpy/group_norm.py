import numpy as np

from ..shared.group_count import group_count
from ..shared.per_target import norm_params


class GroupNorm:
    """nnx.GroupNorm on channels-last inputs (batch, ..., features), as Flax computes it.

    The features split into num_groups groups of consecutive ones (or groups of
    group_size); each example's group is normalized with its mean and variance
    E[x^2] - E[x]^2 (clipped at 0) over every axis but the first, then scaled and
    shifted per feature. The scale and bias start at ones and zeros unless scale_init / bias_init
    (init(key, shape)) draw them from rngs."""

    def __init__(
        self,
        num_features,
        num_groups=32,
        group_size=None,
        epsilon=1e-6,
        use_bias=True,
        use_scale=True,
        scale_init=None,
        bias_init=None,
        rngs=None,
    ):
        self.num_groups = group_count(num_features, num_groups, group_size)
        self.epsilon = epsilon
        self.scale, self.bias = norm_params(
            num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def __call__(self, x):
        groups = x.reshape(*x.shape[:-1], self.num_groups, -1)
        axes = (*range(1, x.ndim - 1), -1)
        mean = np.mean(groups, axis=axes, keepdims=True)
        variance = np.maximum(
            np.mean(np.square(groups), axis=axes, keepdims=True) - np.square(mean), 0.0
        )
        y = ((groups - mean) / np.sqrt(variance + np.float32(self.epsilon))).reshape(
            x.shape
        )
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y
