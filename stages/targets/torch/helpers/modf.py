def modf(x):
    """jnp.modf: (x - trunc(x), trunc(x))."""
    whole = torch.trunc(x)
    return x - whole, whole
