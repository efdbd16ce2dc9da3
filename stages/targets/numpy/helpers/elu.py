import numpy as np


def elu(x, alpha=1.0):
    """jax.nn.elu: x where positive, else alpha * (exp(x) - 1)."""
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))
