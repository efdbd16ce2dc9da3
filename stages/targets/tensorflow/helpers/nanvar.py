def nanvar(x, axis=None, ddof=0, keepdims=False):
    """jnp.nanvar: the variance of the entries that are not NaN, over their count minus
    ddof."""
    present = tf.logical_not(tf.math.is_nan(x))
    count = tf.reduce_sum(tf.cast(present, x.dtype), axis=axis, keepdims=True)
    mean = tnp.nansum(x, axis=axis, keepdims=True) / count
    squares = tf.where(present, tf.square(x - mean), tf.zeros_like(x))
    total = tf.reduce_sum(squares, axis=axis, keepdims=keepdims)
    count = tf.reduce_sum(tf.cast(present, x.dtype), axis=axis, keepdims=keepdims)
    return total / (count - ddof)
