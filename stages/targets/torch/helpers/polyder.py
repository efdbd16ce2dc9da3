def polyder(p, m=1):
    """jnp.polyder: the coefficients of the m-th derivative."""
    for _ in range(m):
        p = p[:-1] * torch.arange(len(p) - 1, 0, -1, dtype=p.dtype)
    return p
