"""Seed example: an MLP forward pass, to transpile to TensorFlow as one function."""

import ivy


def layer_norm(x, scale, bias, eps=1e-6):
    mean = ivy.mean(x, axis=-1, keepdims=True)
    var = ivy.mean(ivy.square(x - mean), axis=-1, keepdims=True)
    return (x - mean) / ivy.sqrt(var + eps) * scale + bias


def mlp_forward(x, w1, b1, w2, b2, scale, bias):
    h = ivy.gelu(ivy.dot(x, w1) + b1)
    h = layer_norm(h, scale, bias)
    return ivy.softmax(ivy.dot(h, w2) + b2)
