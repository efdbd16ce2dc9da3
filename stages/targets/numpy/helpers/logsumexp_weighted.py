import numpy as np


def logsumexp_weighted(x, b=None, axis=None, keepdims=False, return_sign=False):
    """log|sum(b * exp(x))| over axis, the max of x where b != 0 taken out first, as in JAX: NaN where the sum
    is negative, or the sum's sign returned beside it with return_sign."""
    if b is None:
        b = np.ones_like(x)
    x, b = np.broadcast_arrays(x, b)
    x = np.where(b != 0, x, -np.inf)
    peak = np.max(x, axis=axis, keepdims=True)
    peak = np.where(np.isfinite(peak), peak, 0)
    total = np.sum(b * np.exp(x - peak), axis=axis, keepdims=keepdims)
    sign = np.sign(total)
    with np.errstate(divide="ignore"):
        out = np.log(np.abs(total)) + (
            peak if keepdims else np.squeeze(peak, axis=axis)
        )
    if return_sign:
        return out, sign
    return np.where(sign < 0, np.nan, out)
