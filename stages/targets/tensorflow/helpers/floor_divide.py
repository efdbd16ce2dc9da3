import tensorflow as tf


def floor_divide(x, y):
    """jnp.floor_divide as XLA computes it: floats as JAX divides them, (x - fmod(x, y)) / y
    stepped down where the remainder's sign is not y's, then rounded (inf // y is NaN, x // 0
    is x / 0); integers as tf.math.floordiv, but x // 0 is -1 for x == 0 and -2 otherwise
    (TF raises)."""
    x = tf.convert_to_tensor(x, dtype_hint=getattr(y, "dtype", None))
    y = tf.convert_to_tensor(y, dtype=x.dtype)
    zero = tf.equal(y, 0)
    if not x.dtype.is_floating:
        q = tf.math.floordiv(x, tf.where(zero, tf.ones_like(y), y))
        by_zero = tf.where(tf.equal(x, 0), tf.constant(-1, x.dtype), -2)
        return tf.where(zero, by_zero, q)
    mod = tf.truncatemod(x, y)
    div = tf.where(zero, x, x - mod) / y
    step = (mod != 0) & (tf.sign(y) != tf.sign(mod))
    return tf.round(tf.where(step, div - 1, div))
