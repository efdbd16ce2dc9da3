"""Functional updates with `.at[]`: set, add (accumulating), multiply, min, max, divide, power and get."""

import torch


def at_update(x, index, values, reduce):
    """x.at[index].add / .multiply / .min / .max: values combined into x[index] by
    reduce ("sum", "prod", "amin" or "amax"), repeated indices accumulating, as in JAX."""
    positions = torch.arange(x.numel(), device=x.device).reshape(x.shape)[index]
    values = torch.as_tensor(values, dtype=x.dtype).broadcast_to(positions.shape)
    flat = x.reshape(-1).scatter_reduce(
        0, positions.reshape(-1), values.reshape(-1), reduce
    )
    return flat.reshape(x.shape)


def at_by_product(x, index, values, combine):
    """x.at[index].divide / .power as JAX computes them: x combined (torch.true_divide or torch.pow) with
    the product of the values scattered into ones, repeated indices multiplying."""
    return combine(x, at_update(torch.ones_like(x), index, values, "prod"))


def at_set(x, index, values):
    """x.at[index].set(values), without changing x."""
    out = x.clone()
    out[index] = torch.as_tensor(values, dtype=x.dtype)
    return out


def scatter_updates(x, idx):
    a = at_set(x, 0, 0.0)
    b = at_update(x, (slice(None, None), 1), 1.0, "sum")
    c = at_update(x, (slice(1, None), slice(None, None, 2)), 2.0, "prod")
    d = at_update(x, idx, 10.0, "sum")
    return a, b, c, d


def clamp_last_column(x):
    return at_set(x, (..., -1), torch.clamp(x[..., -1], min=-0.5, max=0.5))


def gather_rows(x, idx):
    return x[idx]


def running_extremes(x, idx, v):
    low = at_update(x, idx, v[: idx.shape[0], None], "amin")
    high = at_update(x, (idx, slice(1, None)), 0.0, "amax")
    return (
        low,
        high,
        at_by_product(x, (slice(None, None), 0), v, torch.true_divide),
        at_by_product(torch.abs(x), idx, 2.0, torch.pow),
    )
