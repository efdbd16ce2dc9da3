import torch

from .asarray import asarray


def full(shape, fill_value):
    """jnp.full without a dtype: the fill value's, with Python numbers as 32-bit."""
    shape = (shape,) if isinstance(shape, int) else shape
    return torch.full(shape, fill_value, dtype=asarray(fill_value).dtype)
