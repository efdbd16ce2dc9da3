import tensorflow as tf


def logit(x):
    """log(x / (1 - x)), elementwise, as JAX computes it: -inf at 0, inf at 1, NaN outside [0, 1]."""
    return tf.math.log(x / (1 - x))
