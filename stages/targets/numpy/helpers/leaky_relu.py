import numpy as np


def leaky_relu(x, negative_slope=0.01):
    """jax.nn.leaky_relu: x where x >= 0, else negative_slope * x."""
    return np.where(x >= 0, x, negative_slope * x)
