def polyadd(a, b):
    """jnp.polyadd: the coefficients of a + b, the shorter one aligned to the end."""
    if a.shape[0] < b.shape[0]:
        a, b = b, a
    n = a.shape[0] - b.shape[0]
    return tf.concat([a[:n], a[n:] + b], 0)
