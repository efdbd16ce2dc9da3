def floor_divide(x, y):
    """jnp.floor_divide: floats as JAX divides them, (x - fmod(x, y)) / y stepped down
    where the remainder's sign is not y's, then rounded (inf // y is NaN); integers as
    tf.math.floordiv."""
    x = tf.convert_to_tensor(x)
    y = tf.cast(y, x.dtype)
    if not x.dtype.is_floating:
        return tf.math.floordiv(x, y)
    mod = tf.truncatemod(x, y)
    div = (x - mod) / y
    step = (mod != 0) & (tf.sign(y) != tf.sign(mod))
    return tf.round(tf.where(step, div - 1, div))
