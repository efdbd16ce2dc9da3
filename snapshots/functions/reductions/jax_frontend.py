"""Reductions, as `jnp` functions and as array methods, with and without `keepdims`."""

import jax_frontend


def summary_stats(x):
    return (
        jax_frontend.numpy.sum(x),
        jax_frontend.numpy.mean(x, axis=0),
        jax_frontend.numpy.max(x, axis=-1, keepdims=True),
        jax_frontend.numpy.min(x, axis=(0, 1)),
        jax_frontend.numpy.var(x, axis=1),
        jax_frontend.numpy.std(x),
    )


def method_reductions(x):
    total = jax_frontend.Array.sum(x, axis=1)
    return (
        total,
        jax_frontend.Array.mean(x, axis=-1, keepdims=True),
        jax_frontend.Array.max(x),
        jax_frontend.Array.prod(x, axis=0),
    )


def argmax_and_cumsum(x):
    return jax_frontend.numpy.argmax(x, axis=-1), jax_frontend.numpy.cumsum(x, axis=1)


def standardize(x, eps=1e-5):
    mean = jax_frontend.Array.mean(x, axis=-1, keepdims=True)
    var = jax_frontend.numpy.var(x, axis=-1, keepdims=True)
    return (x - mean) / jax_frontend.numpy.sqrt(var + eps)
