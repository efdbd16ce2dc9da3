import tensorflow as tf


def elu(x, alpha=1.0):
    """jax.nn.elu: x where positive, else alpha * (exp(x) - 1)."""
    return tf.where(x > 0, x, alpha * tf.math.expm1(tf.minimum(x, 0)))
