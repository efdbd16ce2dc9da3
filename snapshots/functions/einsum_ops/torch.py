"""Contractions: `jnp.einsum`, `jnp.matmul`, `jnp.dot` and the `@` operator."""

import torch


def batched_matmul(a, b):
    return torch.matmul(a, b)


def bilinear(x, w, y):
    return torch.einsum("bi,ij,bj->b", x, w, y)


def outer_and_trace(u, v):
    outer = torch.einsum("i,j->ij", u, v)
    return outer, torch.einsum("ii->", outer)


def projections(x, w):
    return torch.matmul(x, w), torch.matmul(x, w), x @ w
