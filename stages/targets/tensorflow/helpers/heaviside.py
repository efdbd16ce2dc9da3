def heaviside(x, y):
    """jnp.heaviside: 0 below 0, 1 above, y at 0, NaN at NaN."""
    return tf.where(tf.math.is_nan(x), x, tnp.heaviside(x, y))
