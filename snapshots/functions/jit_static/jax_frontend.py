"""`jax.jit` with static arguments through `functools.partial`."""

from functools import partial

import jax_frontend


@partial(jax_frontend.jit, static_argnames=("axis",))
def normalize(x, axis):
    norm = jax_frontend.numpy.sqrt(
        jax_frontend.numpy.sum(jax_frontend.numpy.square(x), axis=axis, keepdims=True)
    )
    return x / jax_frontend.numpy.maximum(norm, 1e-6)


@partial(jax_frontend.jit, static_argnames=("num_classes",))
def one_hot_counts(labels, num_classes):
    return jax_frontend.Array.sum(jax_frontend.nn.one_hot(labels, num_classes), axis=0)


@jax_frontend.jit
def cosine_similarity(a, b):
    return jax_frontend.numpy.sum(
        normalize(a, axis=-1) * normalize(b, axis=-1), axis=-1
    )
