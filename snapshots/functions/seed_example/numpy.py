"""Seed example: an MLP forward pass, to transpile to TensorFlow as one function."""

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


def softmax(x, axis=-1):
    """exp(x) normalized along axis, computed stably."""
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def layer_norm(x, scale, bias, eps=1e-6):
    mean = np.mean(x, axis=-1, keepdims=True)
    var = np.mean(np.square(x - mean), axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * scale + bias


def mlp_forward(x, w1, b1, w2, b2, scale, bias):
    h = gelu(np.dot(x, w1) + b1)
    h = layer_norm(h, scale, bias)
    return softmax(np.dot(h, w2) + b2)
