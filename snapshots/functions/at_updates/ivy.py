"""Functional updates with `.at[]`: set, add (accumulating), multiply and get."""

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
