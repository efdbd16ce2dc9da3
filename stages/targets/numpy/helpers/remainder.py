import numpy as np


def remainder(x, y):
    """jnp.remainder as JAX computes it: fmod(x, y), plus y where its sign is not y's, so that
    a zero remainder has the sign of x (NumPy's has the sign of y)."""
    mod = np.fmod(x, y)
    return np.where((mod != 0) & ((mod < 0) != np.less(y, 0)), mod + y, mod)[()]
