import math

import torch


def entr(x):
    """-x log(x), elementwise: -0.0 at ±0.0 and -inf below it, as in JAX (torch.special.entr gives 0.0 at 0)."""
    return torch.where(x < 0, -math.inf, -torch.special.xlogy(x, x))
