def polyint(p, m=1):
    """jnp.polyint: the coefficients of the m-th antiderivative, with integration constants 0."""
    for _ in range(m):
        n = len(p)
        p = torch.cat(
            [p / torch.arange(n, 0, -1, dtype=p.dtype), torch.zeros(1, dtype=p.dtype)]
        )
    return p
