"""Contractions: `jnp.einsum`, `jnp.matmul`, `jnp.dot` and the `@` operator."""

import jax_frontend


def batched_matmul(a, b):
    return jax_frontend.numpy.einsum("bij,bjk->bik", a, b)


def bilinear(x, w, y):
    return jax_frontend.numpy.einsum("bi,ij,bj->b", x, w, y)


def outer_and_trace(u, v):
    outer = jax_frontend.numpy.einsum("i,j->ij", u, v)
    return outer, jax_frontend.numpy.einsum("ii->", outer)


def projections(x, w):
    return jax_frontend.numpy.matmul(x, w), jax_frontend.numpy.dot(x, w), x @ w
