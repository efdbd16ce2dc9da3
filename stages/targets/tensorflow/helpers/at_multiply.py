import tensorflow as tf

from .positions import positions


def at_multiply(x, index, values):
    """x.at[index].multiply(values): repeated indices multiply, as in JAX."""
    where = positions(x, index)
    values = tf.broadcast_to(tf.cast(values, x.dtype), tf.shape(where))
    factors = tf.math.unsorted_segment_prod(
        tf.reshape(values, [-1]), tf.reshape(where, [-1]), tf.size(x)
    )
    return x * tf.reshape(factors, tf.shape(x))
