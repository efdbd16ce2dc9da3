def at_set(x, index, values):
    """x.at[index].set(values), without changing x."""
    out = x.copy()
    out[index] = values
    return out
