import tensorflow as tf


def dynamic_start(index, dim, size):
    """A lax.dynamic_slice start as an int64 scalar tensor, so that it may be
    symbolic under XLA: negative counts from the end, then clamped so that the
    slice of that size stays in bounds."""
    index = tf.cast(index, tf.int64)
    index = tf.where(index < 0, index + dim, index)
    return tf.clip_by_value(index, 0, dim - size)
