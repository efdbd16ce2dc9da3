def trunc(x):
    """jnp.trunc: rounded toward zero, keeping the sign of zero; an integer array as it is."""
    if not x.dtype.is_floating:
        return x
    return tf.where(x < 0, tf.math.ceil(x), tf.floor(x))
