"""Contractions: `jnp.einsum`, `jnp.matmul`, `jnp.dot` and the `@` operator."""

import numpy as np


def batched_matmul(a, b):
    return np.einsum("bij,bjk->bik", a, b)


def bilinear(x, w, y):
    return np.einsum("bi,ij,bj->b", x, w, y)


def outer_and_trace(u, v):
    outer = np.einsum("i,j->ij", u, v)
    return outer, np.einsum("ii->", outer)


def projections(x, w):
    return np.matmul(x, w), np.dot(x, w), x @ w
