import torch


def cbrt(x):
    """jnp.cbrt: the real cube root, with x's sign (negative for negative x, -0.0 for -0.0)."""
    return torch.copysign(torch.abs(x) ** (1 / 3), x)
