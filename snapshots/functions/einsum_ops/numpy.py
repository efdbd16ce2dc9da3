"""Contractions: `jnp.einsum`, `jnp.matmul`, `jnp.dot` and the `@` operator."""

import numpy as np


def batched_matmul(a, b):
    return np.matmul(a, b)


def bilinear(x, w, y):
    return np.einsum("bi,ij,bj->b", x, w, y, optimize=True)


def outer_and_trace(u, v):
    outer = np.einsum("i,j->ij", u, v, optimize=True)
    return outer, np.einsum("ii->", outer, optimize=True)


def projections(x, w):
    return np.matmul(x, w), np.dot(x, w), x @ w
