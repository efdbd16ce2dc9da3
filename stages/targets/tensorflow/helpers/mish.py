import tensorflow as tf


def mish(x):
    """jax.nn.mish: x * tanh(softplus(x))."""
    return x * tf.tanh(tf.math.softplus(x))
