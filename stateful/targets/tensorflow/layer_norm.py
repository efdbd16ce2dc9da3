import keras
import tensorflow as tf


class LayerNorm(keras.Layer):
    """nnx.LayerNorm over the last axis, as Flax computes it: variance E[x^2] - E[x]^2
    (clipped at 0), epsilon 1e-6 by default (Keras' LayerNormalization uses 1e-3)."""

    def __init__(self, num_features, epsilon=1e-6, use_bias=True, use_scale=True):
        super().__init__()
        self.epsilon = epsilon
        self.scale = None
        if use_scale:
            self.scale = self.add_weight(
                shape=(num_features,), initializer="ones", name="scale"
            )
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(
                shape=(num_features,), initializer="zeros", name="bias"
            )

    def call(self, x):
        mean = tf.reduce_mean(x, axis=-1, keepdims=True)
        variance = tf.maximum(
            tf.reduce_mean(tf.square(x), axis=-1, keepdims=True) - tf.square(mean), 0.0
        )
        y = (x - mean) * tf.math.rsqrt(variance + self.epsilon)
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y
