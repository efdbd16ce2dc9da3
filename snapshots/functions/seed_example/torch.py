"""Seed example: an MLP forward pass, to transpile to TensorFlow as one function."""

import torch


def layer_norm(x, scale, bias, eps=1e-6):
    mean = torch.mean(x, dim=-1, keepdim=True)
    var = torch.mean(torch.square(x - mean), dim=-1, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps) * scale + bias


def mlp_forward(x, w1, b1, w2, b2, scale, bias):
    h = torch.nn.functional.gelu(torch.matmul(x, w1) + b1, approximate="tanh")
    h = layer_norm(h, scale, bias)
    return torch.softmax(torch.matmul(h, w2) + b2, dim=-1)
