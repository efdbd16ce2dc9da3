def fmin(x, y):
    """jnp.fmin: the elementwise min, the other operand where one is NaN."""
    return tf.where(
        tf.math.is_nan(y), x, tf.where(tf.math.is_nan(x), y, tf.minimum(x, y))
    )
