import tensorflow as tf

from .positions import positions


def at_update(x, index, values, scatter):
    """x.at[index].set / .add: values scattered into x[index] by scatter
    (tf.tensor_scatter_nd_update or _add; an add accumulates repeated indices, as in JAX)."""
    where = positions(x, index)
    values = tf.broadcast_to(tf.cast(values, x.dtype), tf.shape(where))
    flat = scatter(
        tf.reshape(x, [-1]), tf.reshape(where, [-1, 1]), tf.reshape(values, [-1])
    )
    return tf.reshape(flat, tf.shape(x))
