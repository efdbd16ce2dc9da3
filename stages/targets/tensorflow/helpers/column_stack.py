import tensorflow as tf


def column_stack(arrays):
    """jnp.column_stack: arrays of fewer than 2 dimensions as columns, joined with 2-D ones along axis 1; an
    array's entries along its first axis are the arrays."""
    if tf.is_tensor(arrays):
        arrays = tf.unstack(arrays)
    return tf.concat(
        [tf.reshape(a, [-1, 1]) if a.shape.rank < 2 else a for a in arrays], axis=1
    )
