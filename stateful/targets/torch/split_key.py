import torch


def split_key(key, num=2):
    """jax.random.split: num new generators, seeded from key's stream."""
    seeds = torch.randint(2**62, (num,), generator=key).tolist()
    return [torch.Generator().manual_seed(seed) for seed in seeds]
