"""Random sampling beyond normal and uniform: masks, token sampling, crops, shuffles, truncated init."""

import numpy as np


def bernoulli(key, p=0.5, shape=None):
    """jax.random.bernoulli: True with probability p, of shape `shape` (p's if None)."""
    return key.random(np.shape(p) if shape is None else shape) < p


def categorical(key, logits, axis=-1):
    """jax.random.categorical: an int32 index along axis drawn with probabilities softmax(logits)."""
    u = key.uniform(np.finfo(np.float32).tiny, 1.0, np.shape(logits))
    return np.argmax(logits - np.log(-np.log(u)), axis=axis).astype(np.int32)


def permutation(key, x, axis=0):
    """jax.random.permutation: a shuffled int32 range(x) for an int, else x shuffled along axis."""
    if isinstance(x, int):
        return key.permutation(x).astype(np.int32)
    return key.permutation(x, axis=axis)


def truncated_normal(key, lower, upper, shape=None, dtype=np.float32):
    """jax.random.truncated_normal: standard normal draws, each redrawn until inside (lower, upper)."""
    if shape is None:
        shape = np.broadcast_shapes(np.shape(lower), np.shape(upper))
    x = key.standard_normal(shape)
    outside = (x <= lower) | (x >= upper)
    while np.any(outside):
        x = np.where(outside, key.standard_normal(shape), x)
        outside = (x <= lower) | (x >= upper)
    return x.astype(dtype)


def dropout_mask(key, shape: tuple, keep: float):
    return bernoulli(key, p=keep, shape=shape)


def coin_flips(key, probabilities):
    # one draw per entry of `probabilities` (shape=None)
    return bernoulli(key, p=probabilities)


def sample_tokens(key, logits, temperature: float = 1.0):
    return categorical(key, logits / temperature)


def crop_offsets(key, count: int, limit: int):
    return key.integers(0, limit, (count, 2), dtype=np.int32)


def shuffle_rows(key, x):
    return permutation(key, x)


def shuffled_indices(key, n: int):
    return permutation(key, n)


def truncated_init(key, fan_in: int, fan_out: int):
    return (
        truncated_normal(key, -2.0, 2.0, shape=(fan_in, fan_out), dtype=np.float32)
        * 0.02
    )


def one_sided(key, size: int):
    return truncated_normal(key, 0.5, 3.0, shape=(size,), dtype=np.float32)
