def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    """jnp.nan_to_num: NaN to `nan`, +-inf to `posinf`/`neginf` (the dtype's max/min
    when None)."""
    if not x.dtype.is_floating:
        return x
    posinf = x.dtype.max if posinf is None else posinf
    neginf = x.dtype.min if neginf is None else neginf
    x = tf.where(tf.math.is_nan(x), tf.cast(nan, x.dtype), x)
    x = tf.where(x == math.inf, tf.cast(posinf, x.dtype), x)
    return tf.where(x == -math.inf, tf.cast(neginf, x.dtype), x)
