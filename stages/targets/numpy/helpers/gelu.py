import math

import numpy as np


def gelu(x, approximate=True):
    """GELU; the tanh approximation is jax.nn.gelu's default."""
    if approximate:
        inner = np.sqrt(2 / np.pi).astype(x.dtype) * (x + 0.044715 * x**3)
        return 0.5 * x * (1 + np.tanh(inner))
    erf = np.vectorize(math.erf, otypes=[x.dtype])
    return 0.5 * x * (1 + erf(x / np.sqrt(2).astype(x.dtype)))
