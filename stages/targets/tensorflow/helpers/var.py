import tensorflow as tf


def var(x, axis=None, keepdims=False, ddof=0):
    """jnp.var: the mean squared deviation, divided by n - ddof."""
    mean = tf.reduce_mean(x, axis=axis, keepdims=True)
    total = tf.reduce_sum(tf.square(x - mean), axis=axis, keepdims=keepdims)
    count = tf.cast(tf.size(x) // tf.size(mean), x.dtype)
    return total / (count - ddof)
