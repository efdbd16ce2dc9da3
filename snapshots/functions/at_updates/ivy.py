"""Functional updates with `.at[]`: set, add (accumulating), multiply, min, max, divide, power and get."""

import ivy


def scatter_updates(x, idx):
    a = ivy.at_set(x, ivy.index[0], 0.0)
    b = ivy.at_add(x, ivy.index[:, 1], 1.0)
    c = ivy.at_multiply(x, ivy.index[1:, ::2], 2.0)
    d = ivy.at_add(x, ivy.index[idx], 10.0)
    return a, b, c, d


def clamp_last_column(x):
    return ivy.at_set(x, ivy.index[..., -1], ivy.clip(x[..., -1], min=-0.5, max=0.5))


def gather_rows(x, idx):
    return ivy.at_get(x, ivy.index[idx])


def running_extremes(x, idx, v):
    low = ivy.at_min(x, ivy.index[idx], v[: ivy.shape(idx)[0], None])
    high = ivy.at_max(x, ivy.index[idx, 1:], 0.0)
    return (
        low,
        high,
        ivy.at_divide(x, ivy.index[:, 0], v),
        ivy.at_power(ivy.abs(x), ivy.index[idx], 2.0),
    )
