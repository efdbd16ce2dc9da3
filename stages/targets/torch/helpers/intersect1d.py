def intersect1d(x, y):
    """jnp.intersect1d: the sorted distinct entries of x also in y."""
    values = unique(x)
    return values[torch.isin(values, y)]
