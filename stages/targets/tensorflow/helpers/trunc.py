def trunc(x):
    """jnp.trunc: rounded toward zero; an integer array as it is."""
    if not x.dtype.is_floating:
        return x
    return tf.sign(x) * tf.floor(tf.abs(x))
