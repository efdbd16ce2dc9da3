import math

import numpy as np


def lgamma(x):
    """log|Gamma(x)|, elementwise: math.lgamma in double precision, rounded to x's dtype; +inf at the poles
    0, -1, -2, ... (where math.lgamma raises), as in JAX."""
    pole = (x <= 0) & (np.floor(x) == x)
    out = np.vectorize(math.lgamma, otypes=[np.float64])(np.where(pole, 1.0, x))
    return np.where(pole, np.inf, out).astype(x.dtype)
