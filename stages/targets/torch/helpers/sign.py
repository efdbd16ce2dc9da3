import torch


def sign(x):
    """The sign of x, elementwise: NaN where x is NaN, as in JAX (torch.sign gives 0 there)."""
    return torch.where(torch.isnan(x), x, torch.sign(x))
