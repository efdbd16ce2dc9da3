def setxor1d(x, y):
    """jnp.setxor1d: the sorted distinct entries in exactly one of x and y (a NaN of each among them)."""
    return unique(tf.concat([setdiff1d(x, y), setdiff1d(y, x)], axis=0), False)
