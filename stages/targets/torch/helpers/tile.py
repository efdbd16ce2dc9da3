import torch


def tile(x, reps):
    """jnp.tile with an int or a sequence of repetitions."""
    return torch.tile(x, (reps,) if isinstance(reps, int) else tuple(reps))
