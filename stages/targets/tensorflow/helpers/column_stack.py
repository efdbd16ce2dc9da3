def column_stack(arrays):
    """jnp.column_stack: 1-D arrays as columns, joined with 2-D ones along axis 1."""
    return tf.concat(
        [tf.reshape(a, [-1, 1]) if a.shape.rank == 1 else a for a in arrays], axis=1
    )
