def polyint(p, m=1):
    """jnp.polyint: the coefficients of the m-th antiderivative with integration constants 0,
    in p's dtype (np.polyint gives float64)."""
    for _ in range(m):
        p = np.concatenate(
            [p / np.arange(len(p), 0, -1, dtype=p.dtype), np.zeros(1, p.dtype)]
        )
    return p
