import numpy as np


def argpartition(x, kth):
    """jnp.argpartition along the last axis: the int32 indices of the kth+1 smallest (ties by
    index), then the others in index order."""
    order = np.argsort(x, axis=-1, kind="stable")
    rest = np.sort(order[..., kth + 1 :], axis=-1)
    return np.concatenate([order[..., : kth + 1], rest], axis=-1).astype(np.int32)
