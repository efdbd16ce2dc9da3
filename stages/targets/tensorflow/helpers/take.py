import tensorflow as tf


def take(x, indices, axis=None, mode=None, fill_value=None):
    """jnp.take along axis (None: of x flattened). In JAX's default "fill" mode an
    index out of [-n, n) gives fill_value, by default NaN for floats, the smallest
    signed or largest unsigned int, or True; "clip" clamps indices to [0, n) and
    "wrap" counts them modulo n; negative indices count from the end."""
    x = tf.convert_to_tensor(x)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    axis %= len(x.shape)
    n = tf.shape(x, out_type=tf.int64)[axis]
    indices = tf.cast(indices, tf.int64)
    if mode == "clip":
        return tf.gather(
            x, tf.clip_by_value(indices, 0, tf.maximum(n - 1, 0)), axis=axis
        )
    if mode == "wrap":
        return tf.gather(x, tf.math.floormod(indices, n), axis=axis)
    valid = (indices >= -n) & (indices < n)
    indices = tf.where(valid, tf.math.floormod(indices, tf.maximum(n, 1)), 0)
    if x.shape[axis] == 0:
        # nothing to take: every index is filled
        x = tf.zeros([*x.shape[:axis], 1, *x.shape[axis + 1 :]], x.dtype)
    picked = tf.gather(x, indices, axis=axis)
    if fill_value is None:
        if x.dtype.is_floating or x.dtype.is_complex:
            fill_value = float("nan")
        elif x.dtype == tf.bool:
            fill_value = True
        else:
            fill_value = x.dtype.max if x.dtype.is_unsigned else x.dtype.min
    rank = len(x.shape)
    mask = tf.reshape(
        valid,
        [1] * axis + valid.shape.as_list() + [1] * (rank - axis - 1),
    )
    return tf.where(mask, picked, tf.constant(fill_value, x.dtype))
