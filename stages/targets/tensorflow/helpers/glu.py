import tensorflow as tf


def glu(x, axis=-1):
    """jax.nn.glu: the first half along axis times the sigmoid of the second."""
    a, b = tf.split(x, 2, axis=axis)
    return a * tf.sigmoid(b)
