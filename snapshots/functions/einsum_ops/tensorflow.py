"""Contractions: `jnp.einsum`, `jnp.matmul`, `jnp.dot` and the `@` operator."""

import tensorflow as tf
import tensorflow.experimental.numpy as tnp


def dot(x, y):
    """jnp.dot for vectors and matrices."""
    if len(x.shape) == 1 and len(y.shape) == 1:
        return tf.reduce_sum(x * y)
    return tf.tensordot(x, y, axes=1)


def batched_matmul(a, b):
    return tf.einsum("bij,bjk->bik", a, b)


def bilinear(x, w, y):
    return tf.einsum("bi,ij,bj->b", x, w, y)


def outer_and_trace(u, v):
    outer = tf.einsum("i,j->ij", u, v)
    return outer, tf.einsum("ii->", outer)


def projections(x, w):
    return tnp.matmul(x, w), dot(x, w), tnp.matmul(x, w)
