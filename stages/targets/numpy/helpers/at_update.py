def at_update(x, index, values, ufunc):
    """x.at[index].add / .multiply: values combined into x[index] by ufunc
    (np.add or np.multiply), repeated indices accumulating, as in JAX."""
    out = x.copy()
    ufunc.at(out, index, values)
    return out
