def setxor1d(x, y):
    """jnp.setxor1d: the sorted distinct entries in exactly one of x and y."""
    return tf.sort(tf.concat([setdiff1d(x, y), setdiff1d(y, x)], axis=0))
