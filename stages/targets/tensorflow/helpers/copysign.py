def copysign(x, y):
    """jnp.copysign: |x| with the sign bit of y."""
    negative = tf.bitcast(tf.cast(y, tf.float32), tf.int32) < 0
    return tf.where(negative, -tf.abs(x), tf.abs(x))
