"""Reductions, as `jnp` functions and as array methods, with and without `keepdims`."""

import numpy as np


def summary_stats(x):
    return (
        np.sum(x),
        np.mean(x, axis=0),
        np.max(x, axis=-1, keepdims=True),
        np.min(x, axis=(0, 1)),
        np.var(x, axis=1),
        np.std(x),
    )


def method_reductions(x):
    total = np.sum(x, axis=1)
    return total, np.mean(x, axis=-1, keepdims=True), np.max(x), np.prod(x, axis=0)


def argmax_and_cumsum(x):
    return np.argmax(x, axis=-1).astype(np.int32), np.cumsum(x, axis=1)


def standardize(x, eps=1e-5):
    mean = np.mean(x, axis=-1, keepdims=True)
    var = np.var(x, axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps)
