def nanargmax(x, axis=None, keepdims=False):
    """jnp.nanargmax: the index of the max leaving NaNs out (int32); -1 where a slice is
    all NaN."""
    if axis is None:
        x = tf.reshape(x, [-1])
    if x.dtype.is_floating:
        nan = tf.math.is_nan(x)
        filled = tf.where(nan, tf.constant(-math.inf, x.dtype), x)
    else:
        nan, filled = tf.zeros_like(x, dtype=tf.bool), x
    index = tf.argmax(filled, axis=0 if axis is None else axis, output_type=tf.int32)
    all_nan = tf.reduce_all(nan, axis=0 if axis is None else axis)
    index = tf.where(all_nan, -1, index)
    return tf.expand_dims(index, axis) if keepdims else index
