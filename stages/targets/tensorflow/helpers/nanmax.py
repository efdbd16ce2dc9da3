def nanmax(x, axis=None, keepdims=False):
    """jnp.nanmax: the max over `axis` leaving NaNs out; NaN where a slice is all
    NaN."""
    if not x.dtype.is_floating:
        return tf.reduce_max(x, axis=axis, keepdims=keepdims)
    nan = tf.math.is_nan(x)
    out = tf.reduce_max(tf.where(nan, -math.inf, x), axis=axis, keepdims=keepdims)
    return tf.where(tf.reduce_all(nan, axis=axis, keepdims=keepdims), math.nan, out)
