def setxor1d(x, y):
    """jnp.setxor1d: the sorted distinct entries in exactly one of x and y."""
    a, b = unique(x), unique(y)
    both = torch.cat(
        [a[torch.isin(a, b, invert=True)], b[torch.isin(b, a, invert=True)]]
    )
    return torch.sort(both).values
