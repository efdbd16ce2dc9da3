def polyval(p, x):
    """jnp.polyval: p[0] * x**(n - 1) + ... + p[n - 1], by Horner's rule from zero, as
    JAX."""
    y = x * 0
    for c in p:
        y = y * x + c
    return y
