import tensorflow as tf


def var(x, axis=None, keepdims=False, ddof=0):
    """jnp.var: the mean squared deviation, divided by n - ddof."""
    mean = tf.reduce_mean(x, axis=axis, keepdims=True)
    total = tf.reduce_sum(tf.square(x - mean), axis=axis, keepdims=keepdims)
    # the entries per result (a result of no entries divides by 1: it is empty itself)
    count = tf.cast(tf.size(x) // tf.maximum(tf.size(mean), 1), x.dtype)
    return total / (count - ddof)
