"""Classification and regression losses, as in a training step."""

import tensorflow as tf


def argmax(x, axis=None, keepdims=False):
    """jnp.argmax: int32 indices, over the flattened array when axis is None."""
    if axis is None:
        out = tf.argmax(tf.reshape(x, [-1]), output_type=tf.int32)
        return tf.reshape(out, [1] * len(x.shape)) if keepdims else out
    out = tf.argmax(x, axis=axis, output_type=tf.int32)
    return tf.expand_dims(out, axis) if keepdims else out


def minimum(x, y):
    """jnp.minimum: as XLA, -0.0 for -0.0 and 0.0 (tf.minimum gives either one).

    The max's fix-up mirrored: -(zero - min) changes only a zero min, to -0.0 if either is -0.0 (then the zero, the
    sign bit of -x - y, is 0.0).
    """
    out = tf.minimum(x, y)
    if not out.dtype.is_floating:
        return out
    bits = {2: tf.int16, 4: tf.int32, 8: tf.int64}[out.dtype.size]
    sign = tf.bitwise.bitwise_and(tf.bitcast(-x - y, bits), bits.min)
    return -(tf.bitcast(sign, out.dtype) - out)


def cross_entropy(logits, labels):
    log_probs = tf.nn.log_softmax(logits)
    one_hot = tf.one_hot(labels, logits.shape[-1], dtype=tf.float32)
    return -tf.reduce_mean(tf.reduce_sum(one_hot * log_probs, axis=-1))


def mean_squared_error(predictions, targets):
    return tf.reduce_mean(tf.square(predictions - targets))


def huber(predictions, targets, delta=1.0):
    error = tf.abs(predictions - targets)
    quadratic = minimum(error, delta)
    return tf.reduce_mean(0.5 * quadratic**2 + delta * (error - quadratic))


def accuracy(logits, labels):
    return tf.reduce_mean(tf.cast(argmax(logits, axis=-1) == labels, tf.float32))
