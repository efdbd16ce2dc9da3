import numpy as np


def logit(x):
    """log(x / (1 - x)), elementwise, as JAX computes it: -inf at 0, inf at 1, NaN outside [0, 1]."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(x / (1 - x))
