import numpy as np

from .pool import pool


def min_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.min_pool: the minimum of each window; padding is inf, so it never wins."""
    return pool(inputs, window_shape, strides, padding, np.inf, np.min)
