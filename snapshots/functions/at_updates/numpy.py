"""Functional updates with `.at[]`: set, add (accumulating), multiply and get."""

import numpy as np


def at_add(x, index, values):
    """x.at[index].add(values): repeated indices accumulate, as in JAX."""
    out = x.copy()
    np.add.at(out, index, values)
    return out


def at_multiply(x, index, values):
    """x.at[index].multiply(values): repeated indices multiply, as in JAX."""
    out = x.copy()
    np.multiply.at(out, index, values)
    return out


def at_set(x, index, values):
    """x.at[index].set(values), without changing x."""
    out = x.copy()
    out[index] = values
    return out


def scatter_updates(x, idx):
    a = at_set(x, 0, 0.0)
    b = at_add(x, (slice(None, None), 1), 1.0)
    c = at_multiply(x, (slice(1, None), slice(None, None, 2)), 2.0)
    d = at_add(x, idx, 10.0)
    return a, b, c, d


def clamp_last_column(x):
    return at_set(x, (..., -1), np.clip(x[..., -1], -0.5, 0.5))


def gather_rows(x, idx):
    return x[idx]
