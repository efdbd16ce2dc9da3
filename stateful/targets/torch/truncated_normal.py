import math

import torch


def truncated_normal(key, lower, upper, shape=None, dtype=torch.float32):
    """jax.random.truncated_normal, drawn as JAX does: sqrt(2) * erfinv(u), u uniform in (erf(lower / sqrt(2)), erf(upper / sqrt(2)))."""
    a = torch.erf(torch.as_tensor(lower, dtype=dtype) / math.sqrt(2))
    b = torch.erf(torch.as_tensor(upper, dtype=dtype) / math.sqrt(2))
    shape = torch.broadcast_shapes(a.shape, b.shape) if shape is None else shape
    u = a + (b - a) * torch.rand(shape, generator=key, dtype=dtype)
    return torch.clamp(math.sqrt(2) * torch.special.erfinv(u), lower, upper)
