"""Reductions, as `jnp` functions and as array methods, with and without `keepdims`."""

import ivy


def summary_stats(x):
    return (
        ivy.sum(x),
        ivy.mean(x, axis=0),
        ivy.max(x, axis=-1, keepdims=True),
        ivy.min(x, axis=(0, 1)),
        ivy.var(x, axis=1),
        ivy.std(x),
    )


def method_reductions(x):
    total = ivy.sum(x, axis=1)
    return total, ivy.mean(x, axis=-1, keepdims=True), ivy.max(x), ivy.prod(x, axis=0)


def argmax_and_cumsum(x):
    return ivy.argmax(x, axis=-1), ivy.cumsum(x, axis=1)


def standardize(x, eps=1e-5):
    mean = ivy.mean(x, axis=-1, keepdims=True)
    var = ivy.var(x, axis=-1, keepdims=True)
    return (x - mean) / ivy.sqrt(var + eps)
