import torch


def sign(x):
    """The sign of x, elementwise, as in JAX: NaN where x is NaN and x itself at ±0.0 (torch.sign gives 0 for both)."""
    return torch.where(torch.isnan(x) | (x == 0), x, torch.sign(x))
