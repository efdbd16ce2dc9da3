import math

import torch


def lecun_normal(key, shape):
    """LeCun normal, Flax's default kernel_init, of a kernel in Flax's layout
    (..., in, out): a normal of standard deviation 1 / sqrt(fan_in), fan_in
    the product of every axis but the last, truncated at two standard deviations (the
    truncation's lost variance restored), drawn from the generator key."""
    std = 1 / math.sqrt(math.prod(shape[:-1])) / 0.87962566103423978
    return torch.nn.init.trunc_normal_(
        torch.empty(shape), std=std, a=-2 * std, b=2 * std, generator=key
    )
