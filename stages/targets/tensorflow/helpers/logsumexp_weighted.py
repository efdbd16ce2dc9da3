import tensorflow as tf


def logsumexp_weighted(x, b=None, axis=None, keepdims=False, return_sign=False):
    """log|sum(b * exp(x))| over axis, the max of x where b != 0 taken out first, as in JAX: NaN where the sum
    is negative, or the sum's sign returned beside it with return_sign."""
    if b is None:
        b = tf.ones_like(x)
    x = tf.where(tf.not_equal(b, 0), x, float("-inf"))
    peak = tf.stop_gradient(tf.reduce_max(x, axis=axis, keepdims=True))
    peak = tf.where(tf.math.is_finite(peak), peak, tf.zeros_like(peak))
    total = tf.reduce_sum(b * tf.exp(x - peak), axis=axis, keepdims=keepdims)
    sign = tf.sign(total)
    out = tf.math.log(tf.abs(total)) + (
        peak if keepdims else tf.squeeze(peak, axis=axis)
    )
    if return_sign:
        return out, sign
    return tf.where(sign < 0, float("nan"), out)
