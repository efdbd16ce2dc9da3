"""Random sampling beyond normal and uniform: masks, token sampling, crops, shuffles, truncated init."""

import math

import torch


def bernoulli(key, p=0.5, shape=None):
    """jax.random.bernoulli: True with probability p, of shape `shape` (p's if None)."""
    p = torch.as_tensor(p, dtype=torch.float32)
    return torch.rand(p.shape if shape is None else shape, generator=key) < p


def categorical(key, logits, axis=-1):
    """jax.random.categorical: an int32 index along axis drawn with probabilities softmax(logits)."""
    u = torch.rand(logits.shape, generator=key).clamp(
        min=torch.finfo(torch.float32).tiny
    )
    return torch.argmax(logits - torch.log(-torch.log(u)), dim=axis).int()


def permutation(key, x, axis=0):
    """jax.random.permutation: a shuffled int32 range(x) for an int, else x shuffled along axis."""
    if isinstance(x, int):
        return torch.randperm(x, generator=key, dtype=torch.int32)
    return torch.index_select(x, axis, torch.randperm(x.shape[axis], generator=key))


def truncated_normal(key, lower, upper, shape=None, dtype=torch.float32):
    """jax.random.truncated_normal, drawn as JAX does: sqrt(2) * erfinv(u), u uniform in (erf(lower / sqrt(2)), erf(upper / sqrt(2)))."""
    a = torch.erf(torch.as_tensor(lower, dtype=dtype) / math.sqrt(2))
    b = torch.erf(torch.as_tensor(upper, dtype=dtype) / math.sqrt(2))
    shape = torch.broadcast_shapes(a.shape, b.shape) if shape is None else shape
    u = a + (b - a) * torch.rand(shape, generator=key, dtype=dtype)
    return torch.clamp(math.sqrt(2) * torch.special.erfinv(u), lower, upper)


def dropout_mask(key, shape: tuple, keep: float):
    return bernoulli(key, p=keep, shape=shape)


def coin_flips(key, probabilities):
    # one draw per entry of `probabilities` (shape=None)
    return bernoulli(key, p=probabilities)


def sample_tokens(key, logits, temperature: float = 1.0):
    return categorical(key, logits / temperature)


def crop_offsets(key, count: int, limit: int):
    return torch.randint(0, limit, (count, 2), generator=key, dtype=torch.int32)


def shuffle_rows(key, x):
    return permutation(key, x)


def shuffled_indices(key, n: int):
    return permutation(key, n)


def truncated_init(key, fan_in: int, fan_out: int):
    return (
        truncated_normal(key, -2.0, 2.0, shape=(fan_in, fan_out), dtype=torch.float32)
        * 0.02
    )


def one_sided(key, size: int):
    return truncated_normal(key, 0.5, 3.0, shape=(size,), dtype=torch.float32)
