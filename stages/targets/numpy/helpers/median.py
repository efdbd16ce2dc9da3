import numpy as np


def median(x, axis=None, keepdims=False, skip_nan=False):
    """jnp.median (jnp.nanmedian with skip_nan) as JAX computes it: the entries sorted stably along the axis, NaNs
    last, and the mean of the two middle ones (of those that are not NaN); a NaN makes a median NaN. np.median's
    unstable partition gives another sign of a zero median, and np.nanmedian meets infinities with NaN."""
    flat = axis is None
    entries = np.ravel(x) if flat else np.moveaxis(x, axis, -1)
    entries = np.sort(entries, axis=-1, kind="stable")
    last = entries[..., -1:]
    if skip_nan:
        count = np.sum(~np.isnan(entries), axis=-1, keepdims=True)
    else:
        count = np.full(last.shape, entries.shape[-1])
    low = np.take_along_axis(entries, np.maximum((count - 1) // 2, 0), axis=-1)
    high = np.take_along_axis(
        entries, np.minimum(count // 2, entries.shape[-1] - 1), axis=-1
    )
    out = (low + high) * 0.5
    if not skip_nan:
        out = np.where(np.isnan(last), np.nan, out)
    if flat:
        # JAX keeps one axis of a 0-d x
        out = np.reshape(out, [1] * max(np.ndim(x), 1) if keepdims else [])
    else:
        out = np.moveaxis(out, -1, axis) if keepdims else out[..., 0]
    # a 0-d result as a NumPy scalar, as np.median gives it
    return out[()]
