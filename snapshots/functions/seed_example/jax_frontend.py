"""Seed example: an MLP forward pass, to transpile to TensorFlow as one function."""

import jax_frontend


def layer_norm(x, scale, bias, eps=1e-6):
    mean = jax_frontend.numpy.mean(x, axis=-1, keepdims=True)
    var = jax_frontend.numpy.mean(
        jax_frontend.numpy.square(x - mean), axis=-1, keepdims=True
    )
    return (x - mean) / jax_frontend.numpy.sqrt(var + eps) * scale + bias


@jax_frontend.jit
def mlp_forward(x, w1, b1, w2, b2, scale, bias):
    h = jax_frontend.nn.gelu(jax_frontend.numpy.dot(x, w1) + b1)
    h = layer_norm(h, scale, bias)
    return jax_frontend.nn.softmax(jax_frontend.numpy.dot(h, w2) + b2, axis=-1)
