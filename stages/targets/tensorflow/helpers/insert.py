import tensorflow as tf


def insert(x, index, value, axis):
    """jnp.insert of one Python number before index (non-negative) along axis, in x's dtype."""
    index = min(index, x.shape[axis])
    shape = list(x.shape)
    shape[axis] = 1
    filled = tf.cast(tf.fill(shape, value), x.dtype)
    before, after = tf.split(x, [index, x.shape[axis] - index], axis=axis)
    return tf.concat([before, filled, after], axis=axis)
