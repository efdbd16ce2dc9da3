import tensorflow as tf


def divide(x, y):
    """jnp.divide: integers divide to float32, as in JAX."""
    x = tf.convert_to_tensor(x)
    y = tf.convert_to_tensor(y, dtype_hint=x.dtype)
    if x.dtype.is_integer:
        x = tf.cast(x, tf.float32)
    if y.dtype.is_integer:
        y = tf.cast(y, tf.float32)
    return x / y
