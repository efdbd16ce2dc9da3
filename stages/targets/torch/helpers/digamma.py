import torch


def digamma(x):
    """torch.digamma with NaN at the poles 0, -1, -2, ..., as in JAX (torch gives -inf at 0 and inf at -0.0)."""
    return torch.where((x <= 0) & (x == torch.floor(x)), torch.nan, torch.digamma(x))
