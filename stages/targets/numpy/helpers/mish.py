import numpy as np


def mish(x):
    """jax.nn.mish: x * tanh(softplus(x))."""
    return x * np.tanh(np.logaddexp(x, 0))
