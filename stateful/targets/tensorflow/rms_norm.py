import keras
import tensorflow as tf


class RMSNorm(keras.Layer):
    """nnx.RMSNorm over the last axis, as in Flax: x * rsqrt(mean(x^2) + epsilon) * scale."""

    def __init__(self, num_features, epsilon=1e-6, use_scale=True):
        super().__init__()
        self.epsilon = epsilon
        self.scale = None
        if use_scale:
            self.scale = self.add_weight(
                shape=(num_features,), initializer="ones", name="scale"
            )

    def call(self, x):
        y = x * tf.math.rsqrt(
            tf.reduce_mean(tf.square(x), axis=-1, keepdims=True) + self.epsilon
        )
        return y if self.scale is None else y * self.scale
