import torch


def bernoulli(key, p=0.5, shape=None):
    """jax.random.bernoulli: True with probability p, of shape `shape` (p's if None)."""
    p = torch.as_tensor(p, dtype=torch.float32)
    return torch.rand(p.shape if shape is None else shape, generator=key) < p
