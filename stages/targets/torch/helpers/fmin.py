import torch


def fmin(x, y):
    """jnp.fmin, as JAX writes it: x where x < y or y is NaN, else y (so y where x == y)."""
    return torch.where((x < y) | torch.isnan(y), x, y)
