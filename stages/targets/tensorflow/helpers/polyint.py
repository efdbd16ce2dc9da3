def polyint(p, m=1):
    """jnp.polyint: the coefficients of the m-th antiderivative, with integration constants 0."""
    for _ in range(m):
        n = p.shape[0]
        p = tf.concat(
            [p / tf.range(n, 0, -1, dtype=p.dtype), tf.zeros([1], p.dtype)], 0
        )
    return p
