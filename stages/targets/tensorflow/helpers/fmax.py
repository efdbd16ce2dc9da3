import tensorflow as tf


def fmax(x, y):
    """jnp.fmax, as JAX writes it: x where x > y or y is NaN, else y (so y where x == y).

    y is cast to float for is_nan, which takes no ints (or Python ints).
    """
    return tf.where((x > y) | tf.math.is_nan(tf.cast(y, tf.float32)), x, y)
