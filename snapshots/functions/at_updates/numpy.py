"""Functional updates with `.at[]`: set, add (accumulating), multiply and get."""

import numpy as np


def at_set(x, index, values):
    """x.at[index].set(values), without changing x."""
    out = x.copy()
    out[index] = values
    return out


def at_update(x, index, values, ufunc):
    """x.at[index].add / .multiply: values combined into x[index] by ufunc
    (np.add or np.multiply), repeated indices accumulating, as in JAX."""
    out = x.copy()
    ufunc.at(out, index, values)
    return out


def scatter_updates(x, idx):
    a = at_set(x, 0, 0.0)
    b = at_update(x, (slice(None, None), 1), 1.0, np.add)
    c = at_update(x, (slice(1, None), slice(None, None, 2)), 2.0, np.multiply)
    d = at_update(x, idx, 10.0, np.add)
    return a, b, c, d


def clamp_last_column(x):
    return at_set(x, (..., -1), np.clip(x[..., -1], -0.5, 0.5))


def gather_rows(x, idx):
    return x[idx]
