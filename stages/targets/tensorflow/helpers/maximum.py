import tensorflow as tf


def maximum(x, y):
    """jnp.maximum: as XLA, 0.0 for -0.0 and 0.0 (tf.maximum gives either one).

    Adding a zero changes only a zero max, to -0.0 if both are -0.0: the zero with the sign of x + y (its sign bit,
    as TensorFlow has no copysign; no gradient flows through it).
    """
    out = tf.maximum(x, y)
    if not out.dtype.is_floating:
        return out
    bits = {2: tf.int16, 4: tf.int32, 8: tf.int64}[out.dtype.size]
    sign = tf.bitwise.bitwise_and(tf.bitcast(x + y, bits), bits.min)
    return out + tf.bitcast(sign, out.dtype)
