import math

import torch


def median(x, axis=None, keepdims=False, skip_nan=False):
    """jnp.median (jnp.nanmedian with skip_nan) as JAX computes it: the entries sorted stably along the axis, NaNs
    last, and the mean of the two middle ones (of those that are not NaN); a NaN makes a median NaN. torch.median
    gives the lower middle entry, torch.quantile rejects an empty input and makes NaN of two equal infinities."""
    flat = axis is None
    entries = torch.flatten(x) if flat else torch.movedim(x, axis, -1)
    entries = torch.sort(entries, dim=-1, stable=True).values
    last = entries[..., -1:]
    if skip_nan:
        count = torch.sum(~torch.isnan(entries), dim=-1, keepdim=True)
    else:
        count = torch.full_like(last, entries.shape[-1], dtype=torch.int64)
    low = torch.gather(entries, -1, torch.clamp((count - 1) // 2, min=0))
    high = torch.gather(entries, -1, torch.clamp(count // 2, max=entries.shape[-1] - 1))
    out = (low + high) * 0.5
    if not skip_nan:
        out = torch.where(torch.isnan(last), math.nan, out)
    if flat:
        # JAX keeps one axis of a 0-d x
        return torch.reshape(out, [1] * max(x.ndim, 1) if keepdims else [])
    return torch.movedim(out, -1, axis) if keepdims else torch.squeeze(out, -1)
