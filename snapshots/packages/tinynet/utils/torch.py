"""Helpers and sizes shared by the tinynet modules."""

import torch

# width of every hidden layer
HIDDEN = 16
EPSILON = 1e-6


def rms_normalize(x, axis: int = -1):
    """Scales x to unit root-mean-square over axis."""
    return x / torch.sqrt(torch.mean(x * x, dim=axis, keepdim=True) + EPSILON)


def softclip(x, limit: float = 3.0):
    """A smooth clip of x into (-limit, limit)."""
    return limit * torch.tanh(x / limit)
