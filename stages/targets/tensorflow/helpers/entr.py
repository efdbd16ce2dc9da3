import tensorflow as tf


def entr(x):
    """-x log(x), elementwise: -0.0 at ±0.0 and -inf below it, as in JAX.

    TF's xlogy(-0.0, -0.0) is -0.0 (JAX's 0.0): `+ 0.0` makes it 0.0 before the negation.
    """
    return tf.where(x < 0, float("-inf"), -(tf.math.xlogy(x, x) + 0.0))
