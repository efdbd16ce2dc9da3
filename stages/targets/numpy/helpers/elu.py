import numpy as np


def elu(x, alpha=1.0):
    """jax.nn.elu: x where positive, else alpha * (exp(x) - 1) (-0.0 at -0.0)."""
    return np.where(x > 0, x, alpha * np.expm1(np.where(x > 0, 0.0, x)))
