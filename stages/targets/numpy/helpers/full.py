import numpy as np

from .asarray import asarray


def full(shape, fill_value):
    """jnp.full without a dtype: the fill value's, with Python numbers as 32-bit."""
    return np.full(shape, fill_value, dtype=asarray(fill_value).dtype)
