"""Elementwise activations from `jax.nn` and `jax.numpy`, called through a helper."""

import tensorflow as tf
import tensorflow.experimental.numpy as tnp


def leaky_relu(x, negative_slope=0.01):
    return tf.where(x >= 0, x, negative_slope * x)


def activations(x):
    return {
        "relu": tf.nn.relu(x),
        "gelu_tanh": tf.nn.gelu(x, approximate=True),
        "gelu_exact": tf.nn.gelu(x, approximate=False),
        "silu": tf.nn.silu(x),
        "sigmoid": tf.sigmoid(x),
        "tanh": tf.tanh(x),
        "leaky": leaky_relu(x),
    }


def swiglu(x, w_gate, w_up):
    return tf.nn.silu(tnp.matmul(x, w_gate)) * tnp.matmul(x, w_up)
