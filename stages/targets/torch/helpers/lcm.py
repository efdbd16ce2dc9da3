import torch


def lcm(x, y):
    """jnp.lcm as JAX computes it: |x| * (|y| // gcd(x, y)), wrapping where it overflows (torch
    gives the wrapped product's absolute value), 0 where both are 0."""
    x, y = torch.abs(x), torch.abs(y)
    d = torch.gcd(x, y)
    return torch.where(d == 0, 0, x * torch.floor_divide(y, torch.where(d == 0, 1, d)))
