import tensorflow as tf


def xlog1py(x, y):
    """x * log(1 + y), elementwise; 0 where x == 0, unless y is NaN, as in JAX (tf.math.xlog1py gives 0 there)."""
    return tf.where(tf.math.is_nan(y), x * y, tf.math.xlog1py(x, y))
