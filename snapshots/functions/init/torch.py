"""Parameter initializers drawing from a PRNG key, and a layer that uses them."""

import torch


def lecun_normal(key, fan_in: int, fan_out: int):
    scale = torch.rsqrt(torch.full((), fan_in, dtype=torch.float32))
    return torch.randn((fan_in, fan_out), generator=key, dtype=torch.float32) * scale


def uniform_bias(key, size: int, bound: float = 0.5):
    return torch.empty((size,), dtype=torch.float32).uniform_(
        -bound, bound, generator=key
    )


def dense_relu(x, w, b):
    return torch.relu(x @ w + b)
