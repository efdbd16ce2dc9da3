import tensorflow as tf


def right_shift(x, y):
    """jnp.right_shift as XLA shifts (arithmetic): by a negative amount or by the width or
    more, the sign bit everywhere (TF wraps the amount)."""
    bits = x.dtype.size * 8
    y = tf.convert_to_tensor(y, dtype=x.dtype)
    return tf.bitwise.right_shift(x, tf.where((y < 0) | (y >= bits), bits - 1, y))
