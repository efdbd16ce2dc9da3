import tensorflow as tf


def entr(x):
    """-x log(x), elementwise: -0.0 at ±0.0 and -inf below it, as in JAX.

    TF's xlogy(-0.0, y) is -0.0 (JAX's 0.0): |x| gives it 0.0, and x's sign matters nowhere else.
    """
    return tf.where(x < 0, float("-inf"), -tf.math.xlogy(tf.abs(x), x))
