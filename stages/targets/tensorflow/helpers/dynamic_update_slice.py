import tensorflow as tf

from .dynamic_start import dynamic_start


def dynamic_update_slice(operand, update, start_indices):
    """jax.lax.dynamic_update_slice: a copy of operand with update scattered at
    the starts, adjusted as JAX does (dynamic_start)."""
    if not update.shape:
        return update
    shape, sizes = tuple(operand.shape), tuple(update.shape)
    starts = [dynamic_start(*a) for a in zip(start_indices, shape, sizes)]
    axes = [tf.range(n, dtype=tf.int64) + s for s, n in zip(starts, sizes)]
    where = tf.stack(tf.meshgrid(*axes, indexing="ij"), axis=-1)
    return tf.tensor_scatter_nd_update(operand, where, update)
