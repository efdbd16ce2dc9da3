import torch


def int_power(x, y):
    """jnp.power of integers as JAX computes it: squaring over the exponent's low 6 bits, so
    x ** (y & 63), wrapping, where 0 ** y is 0 for every y != 0 (torch's negative powers differ)."""
    return torch.where((x == 0) & (y != 0), 0, torch.pow(x, y & 63))
