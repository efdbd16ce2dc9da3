import tensorflow as tf
import tensorflow.experimental.numpy as tnp


def cbrt(x):
    """jnp.cbrt: the real cube root, -0.0 at -0.0 (tnp.cbrt gives 0.0 there)."""
    return tf.where(x == 0, x, tnp.cbrt(x))
