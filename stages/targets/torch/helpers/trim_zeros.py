def trim_zeros(x, trim="fb"):
    """jnp.trim_zeros: the 1-D x without its leading ('f') and trailing ('b') zeros."""
    nonzero = torch.nonzero(x)[:, 0]
    if len(nonzero) == 0:
        return x[:0]
    start = int(nonzero[0]) if "f" in trim.lower() else 0
    stop = int(nonzero[-1]) + 1 if "b" in trim.lower() else len(x)
    return x[start:stop]
