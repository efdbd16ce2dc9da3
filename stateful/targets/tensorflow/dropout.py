import keras
import tensorflow as tf


class Dropout(keras.Layer):
    """nnx.Dropout: zeroes each input with probability rate and scales the rest by
    1 / (1 - rate), unless deterministic: the call's argument, else Keras' training
    flag (fit trains, predict and evaluate do not), else the constructor's."""

    def __init__(self, rate, deterministic=False, rngs=None):
        super().__init__()
        self.rate = rate
        self.deterministic = deterministic
        if rngs is None:
            self.seed_generator = keras.random.SeedGenerator()
        else:
            self.seed_generator = rngs.dropout()

    def call(self, x, deterministic=None, rngs=None, training=None):
        if deterministic is None:
            deterministic = self.deterministic if training is None else not training
        if deterministic or self.rate == 0.0:
            return x
        if self.rate == 1.0:
            return tf.zeros_like(x)
        seed = self.seed_generator if rngs is None else rngs.dropout()
        return keras.random.dropout(x, self.rate, seed=seed)
