"""Reductions, as `jnp` functions and as array methods, with and without `keepdims`."""

import ivy


def summary_stats(x):
    return (
        ivy.sum(x, axis=None, keepdims=False),
        ivy.mean(x, axis=0, keepdims=False),
        ivy.max(x, axis=-1, keepdims=True),
        ivy.min(x, axis=(0, 1), keepdims=False),
        ivy.var(x, axis=1, keepdims=False, ddof=0),
        ivy.std(x, axis=None, keepdims=False, ddof=0),
    )


def method_reductions(x):
    total = ivy.sum(x, axis=1, keepdims=False)
    return (
        total,
        ivy.mean(x, axis=-1, keepdims=True),
        ivy.max(x, axis=None, keepdims=False),
        ivy.prod(x, axis=0, keepdims=False),
    )


def argmax_and_cumsum(x):
    return ivy.argmax(x, axis=-1), ivy.cumsum(x, axis=1)


def standardize(x, eps=1e-5):
    mean = ivy.mean(x, axis=-1, keepdims=True)
    var = ivy.var(x, axis=-1, keepdims=True, ddof=0)
    return (x - mean) / ivy.sqrt(var + eps)
