import numpy as np


def permutation(key, x, axis=0):
    """jax.random.permutation: a shuffled int32 range(x) for an int, else x shuffled along axis."""
    if isinstance(x, int):
        return key.permutation(x).astype(np.int32)
    return key.permutation(x, axis=axis)
