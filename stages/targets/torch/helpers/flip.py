import torch


def flip(x, axis=None):
    """jnp.flip: all axes reversed when axis is None."""
    if axis is None:
        axis = tuple(range(x.ndim))
    return torch.flip(x, (axis,) if isinstance(axis, int) else tuple(axis))
