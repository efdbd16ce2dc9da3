def lexsort(keys, axis=-1):
    """jnp.lexsort: the int32 indices that sort by the last key, ties by the key before it, and
    so on (stable sorts from the first key on)."""
    order = tf.argsort(keys[0], axis=axis, stable=True)
    for key in keys[1:]:
        ranks = tf.argsort(
            tnp.take_along_axis(key, order, axis=axis), axis=axis, stable=True
        )
        order = tnp.take_along_axis(order, ranks, axis=axis)
    return tf.cast(order, tf.int32)
