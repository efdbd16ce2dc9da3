"""Elementwise activations from `jax.nn` and `jax.numpy`, called through a helper."""

import jax_frontend


def leaky_relu(x, negative_slope=0.01):
    return jax_frontend.numpy.where(x >= 0, x, negative_slope * x)


def activations(x):
    return {
        "relu": jax_frontend.nn.relu(x),
        "gelu_tanh": jax_frontend.nn.gelu(x),
        "gelu_exact": jax_frontend.nn.gelu(x, approximate=False),
        "silu": jax_frontend.nn.silu(x),
        "sigmoid": jax_frontend.nn.sigmoid(x),
        "tanh": jax_frontend.numpy.tanh(x),
        "leaky": leaky_relu(x),
    }


def swiglu(x, w_gate, w_up):
    return jax_frontend.nn.silu(x @ w_gate) * (x @ w_up)
