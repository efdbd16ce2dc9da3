import torch


def delete(x, obj, axis):
    """jnp.delete with a tuple of int indices obj (a negative one counts from the end) along axis."""
    keep = torch.ones(x.shape[axis], dtype=torch.bool)
    keep[list(obj)] = False
    return x[(slice(None),) * (axis % x.ndim) + (keep,)]
