import math

import numpy as np


def erfc(x):
    """1 - erf(x) without cancellation, elementwise: math.erfc in double precision, rounded to x's dtype."""
    return np.vectorize(math.erfc, otypes=[x.dtype])(x)
