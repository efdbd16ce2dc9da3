def polyadd(a, b):
    """jnp.polyadd: the coefficients of a + b, the shorter one aligned to the end."""
    if a.shape[0] < b.shape[0]:
        a, b = b, a
    n = a.shape[0] - b.shape[0]
    # JAX adds bools as a logical or, which TF's add has no kernel for
    tail = tf.logical_or(a[n:], b) if a.dtype == tf.bool else a[n:] + b
    return tf.concat([a[:n], tail], 0)
