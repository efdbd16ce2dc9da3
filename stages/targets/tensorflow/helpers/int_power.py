import tensorflow as tf


def int_power(x, y):
    """jnp.power of integers as JAX computes it: squaring over the exponent's low 6 bits, so
    x ** (y & 63), wrapping, where 0 ** y is 0 for every y != 0 (TF rejects negative powers)."""
    power = tf.pow(x, tf.bitwise.bitwise_and(y, 63))
    return tf.where((x == 0) & (y != 0), tf.zeros_like(power), power)
