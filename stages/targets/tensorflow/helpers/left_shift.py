import tensorflow as tf


def left_shift(x, y):
    """jnp.left_shift as XLA shifts: by a negative amount or by the width or more, 0 (TF wraps
    the amount)."""
    bits = x.dtype.size * 8
    y = tf.convert_to_tensor(y, dtype=x.dtype)
    shifted = tf.bitwise.left_shift(x, y)
    return tf.where((y < 0) | (y >= bits), tf.zeros_like(shifted), shifted)
