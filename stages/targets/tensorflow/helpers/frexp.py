def frexp(x):
    """jnp.frexp: (mantissa, int32 exponent), x = mantissa * 2**exponent with 0.5 <= |mantissa|
    < 1, read from the float32 bits; zeros, infinities and NaN keep x with exponent 0."""
    x = tf.cast(x, tf.float32)
    # subnormals scaled into the normal range first
    tiny = tf.abs(x) < 1.1754944e-38
    bits = tf.bitcast(tf.where(tiny, x * 16777216.0, x), tf.int32)
    exponent = tf.bitwise.bitwise_and(tf.bitwise.right_shift(bits, 23), 255) - 126
    exponent -= tf.where(tiny, 24, 0)
    # the exponent bits of 0.5 under the sign and fraction bits
    mantissa = tf.bitcast(
        tf.bitwise.bitwise_or(tf.bitwise.bitwise_and(bits, -2139095041), 1056964608),
        tf.float32,
    )
    special = (x == 0) | tf.math.is_inf(x) | tf.math.is_nan(x)
    return tf.where(special, x, mantissa), tf.where(special, 0, exponent)
