def at_update(x, index, values, ufunc):
    """x.at[index].add / .multiply / .min / .max: values combined into x[index] by
    ufunc (np.add, np.multiply, np.minimum or np.maximum), repeated indices
    accumulating, as in JAX."""
    out = x.copy()
    ufunc.at(out, index, values)
    return out
