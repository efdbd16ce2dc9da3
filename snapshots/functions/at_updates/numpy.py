"""Functional updates with `.at[]`: set, add (accumulating), multiply, min, max, divide, power and get."""

import numpy as np


def at_update(x, index, values, ufunc):
    """x.at[index].add / .multiply / .min / .max: values combined into x[index] by
    ufunc (np.add, np.multiply, np.minimum or np.maximum), repeated indices
    accumulating, as in JAX."""
    out = x.copy()
    ufunc.at(out, index, values)
    return out


def at_by_product(x, index, values, combine):
    """x.at[index].divide / .power as JAX computes them: x combined (divide or np.power) with
    the product of the values scattered into ones, repeated indices multiplying."""
    return combine(x, at_update(np.ones_like(x), index, values, np.multiply))


def at_set(x, index, values):
    """x.at[index].set(values), without changing x."""
    out = x.copy()
    out[index] = values
    return out


def divide(x, y):
    """jnp.divide: integer inputs give float32, not NumPy's float64."""
    out = np.true_divide(x, y)
    return out.astype(np.float32) if out.dtype == np.float64 else out


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


def running_extremes(x, idx, v):
    low = at_update(x, idx, v[: idx.shape[0], None], np.minimum)
    high = at_update(x, (idx, slice(1, None)), 0.0, np.maximum)
    return (
        low,
        high,
        at_by_product(x, (slice(None, None), 0), v, divide),
        at_by_product(np.abs(x), idx, 2.0, np.power),
    )
