def isclose(x, y, rtol=1e-05, atol=1e-08, equal_nan=False):
    """jnp.isclose: |x - y| <= atol + rtol * |y|, infinities equal only to themselves,
    NaNs equal to NaNs with `equal_nan`."""
    x = tf.convert_to_tensor(x)
    y = tf.cast(y, x.dtype)
    if not x.dtype.is_floating:
        return x == y
    close = tf.abs(x - y) <= atol + rtol * tf.abs(y)
    close = tf.where(tf.math.is_inf(x) | tf.math.is_inf(y), x == y, close)
    if equal_nan:
        close = close | (tf.math.is_nan(x) & tf.math.is_nan(y))
    return close
