import math

import numpy as np

from .truncated_normal import truncated_normal


def lecun_normal(key, shape):
    """LeCun normal, Flax's default kernel_init, of a kernel in Flax's layout
    (..., in, out): a normal of standard deviation 1 / sqrt(fan_in), fan_in
    the product of every axis but the last, truncated at two standard deviations (the
    truncation's lost variance restored), drawn from the generator key."""
    kernel = truncated_normal(key, -2.0, 2.0, shape=tuple(shape))
    return kernel / np.float32(0.87962566103423978 * math.sqrt(math.prod(shape[:-1])))
