def nanargmax(x, axis=None, keepdims=False):
    """jnp.nanargmax: the index of the max leaving NaNs out (int32); -1 where a slice is
    all NaN (where np.nanargmax raises)."""
    nan = np.isnan(x)
    index = np.argmax(np.where(nan, -np.inf, x), axis=axis, keepdims=keepdims)
    all_nan = np.all(nan, axis=axis, keepdims=keepdims)
    return np.where(all_nan, -1, index).astype(np.int32)
