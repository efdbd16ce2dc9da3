import torch


def argpartition(x, kth):
    """jnp.argpartition along the last axis: the int32 indices of the kth+1 smallest (ties by
    index), then the others in index order."""
    order = torch.argsort(x, dim=-1, stable=True)
    rest = torch.sort(order[..., kth + 1 :], dim=-1).values
    return torch.cat([order[..., : kth + 1], rest], dim=-1).int()
