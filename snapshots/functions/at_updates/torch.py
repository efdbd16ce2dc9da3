"""Functional updates with `.at[]`: set, add (accumulating), multiply and get."""

import torch


def at_add(x, index, values):
    """x.at[index].add(values): repeated indices accumulate, as in JAX."""
    positions = torch.arange(x.numel(), device=x.device).reshape(x.shape)[index]
    values = torch.as_tensor(values, dtype=x.dtype).broadcast_to(positions.shape)
    flat = x.reshape(-1).index_add(0, positions.reshape(-1), values.reshape(-1))
    return flat.reshape(x.shape)


def at_multiply(x, index, values):
    """x.at[index].multiply(values): repeated indices multiply, as in JAX."""
    positions = torch.arange(x.numel(), device=x.device).reshape(x.shape)[index]
    values = torch.as_tensor(values, dtype=x.dtype).broadcast_to(positions.shape)
    flat = x.reshape(-1).index_reduce(
        0, positions.reshape(-1), values.reshape(-1), "prod"
    )
    return flat.reshape(x.shape)


def at_set(x, index, values):
    """x.at[index].set(values), without changing x."""
    out = x.clone()
    out[index] = torch.as_tensor(values, dtype=x.dtype)
    return out


def scatter_updates(x, idx):
    a = at_set(x, 0, 0.0)
    b = at_add(x, (slice(None, None), 1), 1.0)
    c = at_multiply(x, (slice(1, None), slice(None, None, 2)), 2.0)
    d = at_add(x, idx, 10.0)
    return a, b, c, d


def clamp_last_column(x):
    return at_set(x, (..., -1), torch.clamp(x[..., -1], min=-0.5, max=0.5))


def gather_rows(x, idx):
    return x[idx]
