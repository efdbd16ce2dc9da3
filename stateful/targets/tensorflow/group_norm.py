import keras
import tensorflow as tf

from ..shared.group_count import group_count
from .norm_weights import norm_weights


class GroupNorm(keras.Layer):
    """nnx.GroupNorm on channels-last inputs (batch, ..., features), as Flax computes it.

    The features split into num_groups groups of consecutive ones (or groups of
    group_size); each example's group is normalized with its mean and variance
    E[x^2] - E[x]^2 (clipped at 0) over every axis but the first, then scaled and
    shifted per feature. The scale and bias start at ones and zeros unless
    scale_init / bias_init (init(key, shape)) draw them from rngs."""

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
        super().__init__()
        self.num_groups = group_count(num_features, num_groups, group_size)
        self.epsilon = epsilon
        self.scale, self.bias = norm_weights(
            self, num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def call(self, x):
        groups = tf.reshape(x, [*x.shape[:-1], self.num_groups, -1])
        axes = [*range(1, len(x.shape) - 1), -1]
        mean = tf.reduce_mean(groups, axis=axes, keepdims=True)
        variance = tf.maximum(
            tf.reduce_mean(tf.square(groups), axis=axes, keepdims=True)
            - tf.square(mean),
            0.0,
        )
        y = tf.reshape(
            (groups - mean) * tf.math.rsqrt(variance + self.epsilon), tf.shape(x)
        )
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y
