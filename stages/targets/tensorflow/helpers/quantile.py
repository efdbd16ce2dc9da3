def quantile(x, q, axis=None, method="linear", keepdims=False, skip_nan=False):
    """jnp.quantile (jnp.nanquantile with skip_nan): the entries sorted along the axis, read
    at q * (n - 1) by JAX's method, n counting the entries (those that are not NaN)."""
    x = tf.convert_to_tensor(x)
    if not x.dtype.is_floating:
        x = tf.cast(x, tf.float32)
    q = tf.convert_to_tensor(q, x.dtype)
    ndim = x.ndim
    if axis is None:
        x = tf.reshape(x, [-1])
    x = tnp.moveaxis(x, -1 if axis is None else axis, -1)
    nan = tf.math.is_nan(x)
    # NaNs sort last as JAX sorts them; they are read only where a slice has no other entry
    x = tf.sort(tf.where(nan, tf.constant(math.inf, x.dtype), x), axis=-1)
    if skip_nan:
        n = tf.reduce_sum(tf.cast(tf.logical_not(nan), x.dtype), axis=-1)
        empty = n == 0
    else:
        n = tf.fill(tf.shape(x)[:-1], tf.cast(tf.shape(x)[-1], x.dtype))
        empty = tf.reduce_any(nan, axis=-1)
    pos = tf.reshape(q, q.shape.as_list() + [1] * (x.ndim - 1)) * (n - 1)
    low, high = tf.floor(pos), tf.math.ceil(pos)
    high_weight = pos - low
    rows = tf.broadcast_to(x, tf.concat([tf.shape(pos), tf.shape(x)[-1:]], 0))

    def read(index):
        index = tf.cast(tf.minimum(tf.maximum(index, 0.0), n - 1), tf.int32)
        return tnp.take_along_axis(rows, index[..., None], axis=-1)[..., 0]

    low_value, high_value = read(low), read(high)
    if method == "lower":
        out = low_value
    elif method == "higher":
        out = high_value
    elif method == "midpoint":
        out = (low_value + high_value) * 0.5
    elif method == "nearest":
        out = tf.where(high_weight <= 0.5, low_value, high_value)
    else:
        out = low_value * (1 - high_weight) + high_value * high_weight
    out = tf.where(empty, tf.constant(math.nan, x.dtype), out)
    if keepdims:
        kept = [1] * ndim if axis is None else out.shape.as_list()[q.ndim :]
        if axis is not None:
            kept.insert(axis % ndim, 1)
        out = tf.reshape(out, q.shape.as_list() + kept)
    return out
