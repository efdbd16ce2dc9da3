import numpy as np


def bernoulli(key, p=0.5, shape=None):
    """jax.random.bernoulli: True with probability p, of shape `shape` (p's if None)."""
    return key.random(np.shape(p) if shape is None else shape) < p
