def setdiff1d(x, y):
    """jnp.setdiff1d: the sorted distinct entries of x not in y."""
    values = unique(x)
    return values[torch.isin(values, y, invert=True)]
