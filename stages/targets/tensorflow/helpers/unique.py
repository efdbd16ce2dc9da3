import math

import tensorflow as tf


def unique(x, equal_nan=True):
    """jnp.unique: the distinct entries, sorted, and one NaN for all at the end (each apart without equal_nan).
    JAX sorts stably, so of 0.0 and -0.0 the one that comes first stays; tf.sort sorts no bools (they are sorted as
    int32) and no NaNs."""
    entries = tf.reshape(x, [-1])
    if entries.dtype == tf.bool:
        entries = tf.cast(entries, tf.int32)
    nan = tf.math.is_nan(entries) if entries.dtype.is_floating else None
    if nan is not None:
        entries = tf.boolean_mask(entries, tf.logical_not(nan))
    entries = tf.sort(entries)
    new = tf.concat(
        [tf.ones_like(entries[:1], tf.bool), entries[1:] != entries[:-1]], axis=0
    )
    out = tf.boolean_mask(entries, new)
    if nan is not None:
        nans = tf.reduce_sum(tf.cast(nan, tf.int32))
        if equal_nan:
            nans = tf.minimum(nans, 1)
        out = tf.concat([out, tf.fill([nans], tf.constant(math.nan, out.dtype))], 0)
    return tf.cast(out, x.dtype)
