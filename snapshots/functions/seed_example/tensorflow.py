"""Seed example: an MLP forward pass, to transpile to TensorFlow as one function."""

import tensorflow as tf


def dot(x, y):
    """jnp.dot for vectors and matrices."""
    if len(x.shape) == 1 and len(y.shape) == 1:
        return tf.reduce_sum(x * y)
    return tf.tensordot(x, y, axes=1)


def layer_norm(x, scale, bias, eps=1e-6):
    mean = tf.reduce_mean(x, axis=-1, keepdims=True)
    var = tf.reduce_mean(tf.square(x - mean), axis=-1, keepdims=True)
    return (x - mean) / tf.sqrt(var + eps) * scale + bias


def mlp_forward(x, w1, b1, w2, b2, scale, bias):
    h = tf.nn.gelu(dot(x, w1) + b1, approximate=True)
    h = layer_norm(h, scale, bias)
    return tf.nn.softmax(dot(h, w2) + b2)
