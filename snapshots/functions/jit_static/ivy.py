"""`jax.jit` with static arguments through `functools.partial`."""

import ivy


def normalize(x, axis):
    norm = ivy.sqrt(ivy.sum(ivy.square(x), axis=axis, keepdims=True))
    return x / ivy.maximum(norm, 1e-6)


def one_hot_counts(labels, num_classes):
    return ivy.sum(ivy.one_hot(labels, num_classes, dtype=ivy.float32), axis=0)


def cosine_similarity(a, b):
    return ivy.sum(normalize(a, axis=-1) * normalize(b, axis=-1), axis=-1)
