"""Elementwise activations from `jax.nn` and `jax.numpy`, called through a helper."""

import ivy


def leaky_relu(x, negative_slope=0.01):
    return ivy.where(x >= 0, x, negative_slope * x)


def activations(x):
    return {
        "relu": ivy.relu(x),
        "gelu_tanh": ivy.gelu(x),
        "gelu_exact": ivy.gelu(x, approximate=False),
        "silu": ivy.silu(x),
        "sigmoid": ivy.sigmoid(x),
        "tanh": ivy.tanh(x),
        "leaky": leaky_relu(x),
    }


def swiglu(x, w_gate, w_up):
    return ivy.silu(x @ w_gate) * (x @ w_up)
