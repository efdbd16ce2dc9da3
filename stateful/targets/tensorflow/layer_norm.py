import keras
import tensorflow as tf

from .norm_weights import norm_weights


class LayerNorm(keras.Layer):
    """nnx.LayerNorm over the last axis, as Flax computes it: variance E[x^2] - E[x]^2
    (clipped at 0), epsilon 1e-6 by default (Keras' LayerNormalization uses 1e-3). The scale and bias start at ones and zeros unless
    scale_init / bias_init (init(key, shape)) draw them from rngs."""

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
        super().__init__()
        self.epsilon = epsilon
        self.scale, self.bias = norm_weights(
            self, num_features, use_scale, use_bias, scale_init, bias_init, rngs
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
