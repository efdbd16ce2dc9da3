def spacing(x):
    """jnp.spacing: the distance from x to the next float away from zero, signed as x."""
    return tf.math.nextafter(x, copysign(tf.fill(tf.shape(x), math.inf), x)) - x
