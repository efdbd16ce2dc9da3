import tensorflow as tf


def sign(x):
    """The sign of x, elementwise, as in JAX: x itself at ±0.0 (tf.sign gives 0.0 for -0.0)."""
    return tf.where(x == 0, x, tf.sign(x))
