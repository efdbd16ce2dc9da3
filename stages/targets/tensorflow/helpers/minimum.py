import tensorflow as tf


def minimum(x, y):
    """jnp.minimum: as XLA, -0.0 for -0.0 and 0.0 (tf.minimum gives either one).

    `1 / x < 0` where x is -0.0.
    """
    out = tf.minimum(x, y)
    if not out.dtype.is_floating:
        return out
    return tf.where((x == 0) & (y == 0), tf.where(1 / x < 0, x, y), out)
