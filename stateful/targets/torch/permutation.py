import torch


def permutation(key, x, axis=0):
    """jax.random.permutation: a shuffled int32 range(x) for an int, else x shuffled along axis."""
    if isinstance(x, int):
        return torch.randperm(x, generator=key, dtype=torch.int32)
    return torch.index_select(x, axis, torch.randperm(x.shape[axis], generator=key))
