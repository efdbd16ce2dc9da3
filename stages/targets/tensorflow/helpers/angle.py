def angle(x):
    """jnp.angle: the complex argument; of a real number 0, or pi below 0 and at
    -0.0."""
    if x.dtype.is_complex:
        return tf.math.angle(x)
    return tf.math.atan2(tf.zeros_like(x), x)
