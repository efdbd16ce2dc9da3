def setdiff1d(x, y):
    """jnp.setdiff1d: the sorted distinct entries of x not in y."""
    values = unique(x)
    found = tf.reduce_any(values[:, None] == tf.reshape(y, [-1]), axis=-1)
    return tf.boolean_mask(values, tf.logical_not(found))
