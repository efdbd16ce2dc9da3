import torch


def repeat_to_shape(x, shape):
    """jnp.resize: the flattened x repeated to fill the shape (a tuple of positive ints)."""
    n = torch.Size(shape).numel()
    flat = x.reshape(-1)
    return flat.repeat(-(-n // flat.numel()))[:n].reshape(shape)
