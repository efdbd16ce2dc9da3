"""Elementwise activations from `jax.nn` and `jax.numpy`, called through a helper."""

import math

import numpy as np


def gelu(x, approximate=True):
    """GELU; the tanh approximation is jax.nn.gelu's default."""
    if approximate:
        # x * x * x, as XLA computes JAX's x**3 (NumPy's float power is far slower)
        inner = np.sqrt(2 / np.pi).astype(x.dtype) * (x + 0.044715 * (x * x * x))
        return 0.5 * x * (1 + np.tanh(inner))
    erf = np.vectorize(math.erf, otypes=[x.dtype])
    return 0.5 * x * (1 + erf(x / np.sqrt(2).astype(x.dtype)))


def sigmoid(x):
    """The logistic function."""
    return 1 / (1 + np.exp(-x))


def silu(x):
    """x * sigmoid(x)."""
    return x * sigmoid(x)


def leaky_relu(x, negative_slope=0.01):
    return np.where(x >= 0, x, negative_slope * x)


def activations(x):
    return {
        "relu": np.maximum(x, 0),
        "gelu_tanh": gelu(x),
        "gelu_exact": gelu(x, approximate=False),
        "silu": silu(x),
        "sigmoid": sigmoid(x),
        "tanh": np.tanh(x),
        "leaky": leaky_relu(x),
    }


def swiglu(x, w_gate, w_up):
    return silu(x @ w_gate) * (x @ w_up)
