import numpy as np


def take(x, indices, axis=None, mode=None, fill_value=None):
    """jnp.take along axis (None: of x flattened). In JAX's default "fill" mode an
    index out of [-n, n) gives fill_value, by default NaN for floats, the smallest
    signed or largest unsigned int, or True; "clip" and "wrap" as NumPy's."""
    x = np.asarray(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    axis %= x.ndim
    if mode in ("clip", "wrap"):
        return np.take(x, indices, axis=axis, mode=mode)
    n = x.shape[axis]
    indices = np.asarray(indices)
    valid = (indices >= -n) & (indices < n)
    if n == 0:
        # nothing to take: every index is filled
        x = np.zeros((*x.shape[:axis], 1, *x.shape[axis + 1 :]), x.dtype)
    picked = np.take(x, np.where(valid, indices, 0), axis=axis)
    if fill_value is None:
        if np.issubdtype(x.dtype, np.inexact):
            fill_value = np.nan
        elif x.dtype == np.bool_:
            fill_value = True
        else:
            info = np.iinfo(x.dtype)
            fill_value = info.max if info.min == 0 else info.min
    mask = valid.reshape((1,) * axis + valid.shape + (1,) * (x.ndim - axis - 1))
    return np.where(mask, picked, np.asarray(fill_value, x.dtype))
