"""Reductions, as `jnp` functions and as array methods, with and without `keepdims`."""

import torch


def summary_stats(x):
    return (
        torch.sum(x),
        torch.mean(x, dim=0),
        torch.amax(x, dim=-1, keepdim=True),
        torch.amin(x, dim=(0, 1)),
        torch.var(x, dim=1, correction=0),
        torch.sqrt(torch.var(x, correction=0)),
    )


def method_reductions(x):
    total = torch.sum(x, dim=1)
    return (
        total,
        torch.mean(x, dim=-1, keepdim=True),
        torch.amax(x),
        torch.prod(x, dim=0),
    )


def argmax_and_cumsum(x):
    return torch.argmax(x, dim=-1).int(), torch.cumsum(x, dim=1)


def standardize(x, eps=1e-5):
    mean = torch.mean(x, dim=-1, keepdim=True)
    var = torch.var(x, dim=-1, keepdim=True, correction=0)
    return (x - mean) / torch.sqrt(var + eps)
