import tensorflow as tf


def xlogy(x, y):
    """x * log(y), elementwise; 0 where x == 0, unless y is NaN, as in JAX (tf.math.xlogy gives 0 there)."""
    return tf.where(tf.math.is_nan(y), x * y, tf.math.xlogy(x, y))
