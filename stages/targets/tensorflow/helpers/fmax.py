def fmax(x, y):
    """jnp.fmax: the elementwise max, the other operand where one is NaN."""
    return tf.where(
        tf.math.is_nan(y), x, tf.where(tf.math.is_nan(x), y, tf.maximum(x, y))
    )
