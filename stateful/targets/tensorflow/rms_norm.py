import keras
import tensorflow as tf

from .norm_weights import norm_weights


class RMSNorm(keras.Layer):
    """nnx.RMSNorm over the last axis, as in Flax: x * rsqrt(mean(x^2) + epsilon) * scale;
    the scale starts at ones unless scale_init (init(key, shape)) draws it from rngs."""

    def __init__(
        self, num_features, epsilon=1e-6, use_scale=True, scale_init=None, rngs=None
    ):
        super().__init__()
        self.epsilon = epsilon
        self.scale, _ = norm_weights(
            self, num_features, use_scale, False, scale_init, None, rngs
        )

    def call(self, x):
        y = x * tf.math.rsqrt(
            tf.reduce_mean(tf.square(x), axis=-1, keepdims=True) + self.epsilon
        )
        return y if self.scale is None else y * self.scale
