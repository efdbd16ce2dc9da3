"""Parameter initializers drawing from a PRNG key, and a layer that uses them."""

import torch


def split_key(key, num=2):
    """jax.random.split: num new generators, seeded from key's stream."""
    seeds = torch.randint(2**62, (num,), generator=key).tolist()
    return [torch.Generator().manual_seed(seed) for seed in seeds]


def lecun_normal(key, fan_in: int, fan_out: int):
    scale = torch.rsqrt(torch.full((), fan_in, dtype=torch.float32))
    return torch.randn((fan_in, fan_out), generator=key, dtype=torch.float32) * scale


def uniform_bias(key, size: int, bound: float = 0.5):
    return torch.empty((size,), dtype=torch.float32).uniform_(
        -bound, bound, generator=key
    )


def dense_relu(x, w, b):
    return torch.nn.functional.threshold(x @ w + b, 0, 0)


def init_dense(seed: int, fan_in: int, fan_out: int):
    key = torch.Generator().manual_seed(seed)
    kernel_key, bias_key = split_key(key)
    return lecun_normal(kernel_key, fan_in, fan_out), uniform_bias(bias_key, fan_out)
