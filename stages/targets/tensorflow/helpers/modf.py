def modf(x):
    """jnp.modf: (x - trunc(x), trunc(x))."""
    whole = tf.sign(x) * tf.floor(tf.abs(x))
    return x - whole, whole
