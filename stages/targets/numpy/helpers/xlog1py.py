import numpy as np


def xlog1py(x, y):
    """x * log(1 + y), elementwise; 0 where x == 0, unless y is NaN, as in JAX."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where((x != 0) | np.isnan(y), x * np.log1p(y), 0)
