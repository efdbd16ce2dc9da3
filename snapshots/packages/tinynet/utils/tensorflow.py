"""Helpers and sizes shared by the tinynet modules."""

import tensorflow as tf

# width of every hidden layer
HIDDEN = 16
EPSILON = 1e-6


def rms_normalize(x, axis: int = -1):
    """Scales x to unit root-mean-square over axis."""
    return x / tf.sqrt(tf.reduce_mean(x * x, axis=axis, keepdims=True) + EPSILON)


def softclip(x, limit: float = 3.0):
    """A smooth clip of x into (-limit, limit)."""
    return limit * tf.tanh(x / limit)
