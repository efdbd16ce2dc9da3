def intersect1d(x, y):
    """jnp.intersect1d: the sorted distinct entries of x also in y."""
    values = unique(x)
    return tf.boolean_mask(
        values, tf.reduce_any(values[:, None] == tf.reshape(y, [-1]), axis=-1)
    )
