"""Contractions: `jnp.einsum`, `jnp.matmul`, `jnp.dot` and the `@` operator."""

import ivy


def batched_matmul(a, b):
    return ivy.einsum("bij,bjk->bik", a, b)


def bilinear(x, w, y):
    return ivy.einsum("bi,ij,bj->b", x, w, y)


def outer_and_trace(u, v):
    outer = ivy.einsum("i,j->ij", u, v)
    return outer, ivy.einsum("ii->", outer)


def projections(x, w):
    return ivy.matmul(x, w), ivy.dot(x, w), x @ w
