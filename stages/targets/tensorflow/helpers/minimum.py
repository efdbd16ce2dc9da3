import tensorflow as tf


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
