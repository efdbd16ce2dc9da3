import numpy as np


def top_k(x, k):
    """jax.lax.top_k: the k largest along the last axis, largest first (ties by index), int32 indices."""
    indices = np.argsort(-x, axis=-1, kind="stable")[..., :k]
    return [np.take_along_axis(x, indices, axis=-1), indices.astype(np.int32)]
