def polyadd(a, b):
    """jnp.polyadd: the coefficients of a + b, the shorter one aligned to the end."""
    if len(a) < len(b):
        a, b = b, a
    n = len(a) - len(b)
    return torch.cat([a[:n], a[n:] + b])
