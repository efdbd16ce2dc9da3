import torch


def take(x, indices, axis=None, mode=None, fill_value=None):
    """jnp.take along axis (None: of x flattened). In JAX's default "fill" mode an
    index out of [-n, n) gives fill_value, by default NaN for floats, the smallest
    signed or largest unsigned int, or True; "clip" clamps indices to [0, n) and
    "wrap" counts them modulo n."""
    if axis is None:
        x, axis = x.reshape(-1), 0
    axis %= x.ndim
    n = x.shape[axis]
    indices = torch.as_tensor(indices, device=x.device).long()
    if mode == "clip":
        indices = indices.clamp(0, max(n - 1, 0))
    elif mode == "wrap":
        indices = indices.remainder(n)
    else:
        valid = (indices >= -n) & (indices < n)
        indices = torch.where(valid, indices, 0)
    if n == 0:
        # nothing to take: every index is filled
        x = x.new_zeros((*x.shape[:axis], 1, *x.shape[axis + 1 :]))
    picked = x[(slice(None),) * axis + (indices,)]
    if mode in ("clip", "wrap"):
        return picked
    if fill_value is None:
        if x.dtype.is_floating_point or x.dtype.is_complex:
            fill_value = float("nan")
        elif x.dtype == torch.bool:
            fill_value = True
        else:
            info = torch.iinfo(x.dtype)
            fill_value = info.max if info.min == 0 else info.min
    mask = valid.reshape((1,) * axis + valid.shape + (1,) * (x.ndim - axis - 1))
    return torch.where(mask, picked, torch.tensor(fill_value, dtype=x.dtype))
