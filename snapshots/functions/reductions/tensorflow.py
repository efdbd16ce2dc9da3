"""Reductions, as `jnp` functions and as array methods, with and without `keepdims`."""

import tensorflow as tf


def argmax(x, axis=None, keepdims=False):
    """jnp.argmax: int32 indices, over the flattened array when axis is None."""
    if axis is None:
        out = tf.argmax(tf.reshape(x, [-1]), output_type=tf.int32)
        return tf.reshape(out, [1] * len(x.shape)) if keepdims else out
    out = tf.argmax(x, axis=axis, output_type=tf.int32)
    return tf.expand_dims(out, axis) if keepdims else out


def _var(x, axis=None, keepdims=False, ddof=0):
    """jnp.var: the mean squared deviation, divided by n - ddof."""
    mean = tf.reduce_mean(x, axis=axis, keepdims=True)
    total = tf.reduce_sum(tf.square(x - mean), axis=axis, keepdims=keepdims)
    # the entries per result (a result of no entries divides by 1: it is empty itself)
    count = tf.cast(tf.size(x) // tf.maximum(tf.size(mean), 1), x.dtype)
    return total / (count - ddof)


def summary_stats(x):
    return (
        tf.reduce_sum(x),
        tf.reduce_mean(x, axis=0),
        tf.reduce_max(x, axis=-1, keepdims=True),
        tf.reduce_min(x, axis=(0, 1)),
        _var(x, axis=1),
        tf.sqrt(_var(x)),
    )


def method_reductions(x):
    total = tf.reduce_sum(x, axis=1)
    return (
        total,
        tf.reduce_mean(x, axis=-1, keepdims=True),
        tf.reduce_max(x),
        tf.reduce_prod(x, axis=0),
    )


def argmax_and_cumsum(x):
    return argmax(x, axis=-1), tf.cumsum(x, axis=1)


def standardize(x, eps=1e-5):
    mean = tf.reduce_mean(x, axis=-1, keepdims=True)
    var = _var(x, axis=-1, keepdims=True)
    return (x - mean) / tf.sqrt(var + eps)
