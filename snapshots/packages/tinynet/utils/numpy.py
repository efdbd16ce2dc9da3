"""Helpers and sizes shared by the tinynet modules."""

import numpy as np

# width of every hidden layer
HIDDEN = 16
EPSILON = 1e-6


def rms_normalize(x, axis: int = -1):
    """Scales x to unit root-mean-square over axis."""
    return x / np.sqrt(np.mean(x * x, axis=axis, keepdims=True) + EPSILON)


def softclip(x, limit: float = 3.0):
    """A smooth clip of x into (-limit, limit)."""
    return limit * np.tanh(x / limit)
