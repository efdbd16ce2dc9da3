import tensorflow as tf

from .dynamic_start import dynamic_start


def dynamic_slice(x, start_indices, slice_sizes):
    """jax.lax.dynamic_slice: starts adjusted as JAX does (dynamic_start), the
    sizes static."""
    if not slice_sizes:
        return x
    shape = tuple(x.shape)
    starts = [dynamic_start(*a) for a in zip(start_indices, shape, slice_sizes)]
    return tf.slice(x, tf.stack(starts), tf.constant(slice_sizes, tf.int64))
