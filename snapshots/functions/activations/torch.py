"""Elementwise activations from `jax.nn` and `jax.numpy`, called through a helper."""

import torch


def gelu(x, approximate=True):
    """jax.nn.gelu: the tanh approximation, or exactly x * Phi(x) (torch's exact gelu is NaN at +inf)."""
    if approximate:
        return torch.nn.functional.gelu(x, approximate="tanh")
    return x * torch.special.ndtr(x)


def leaky_relu(x, negative_slope=0.01):
    return torch.where(x >= 0, x, negative_slope * x)


def activations(x):
    return {
        "relu": torch.nn.functional.threshold(x, 0, 0),
        "gelu_tanh": torch.nn.functional.gelu(x, approximate="tanh"),
        "gelu_exact": gelu(x, approximate=False),
        "silu": torch.nn.functional.silu(x),
        "sigmoid": torch.sigmoid(x),
        "tanh": torch.tanh(x),
        "leaky": leaky_relu(x),
    }


def swiglu(x, w_gate, w_up):
    return torch.nn.functional.silu(x @ w_gate) * (x @ w_up)
