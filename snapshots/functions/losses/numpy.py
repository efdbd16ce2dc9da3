"""Classification and regression losses, as in a training step."""

import numpy as np


def log_softmax(x, axis=-1):
    """x minus its logsumexp along axis."""
    return x - logsumexp(x, axis=axis, keepdims=True)


def logsumexp(x, axis=None, keepdims=False):
    """log(sum(exp(x))) computed stably."""
    peak = np.max(x, axis=axis, keepdims=True)
    peak = np.where(np.isfinite(peak), peak, 0)
    out = np.log(np.sum(np.exp(x - peak), axis=axis, keepdims=True)) + peak
    return out if keepdims else np.squeeze(out, axis=axis)


def cross_entropy(logits, labels):
    log_probs = log_softmax(logits)
    one_hot = np.eye(logits.shape[-1], dtype=np.float32)[labels]
    return -np.mean(np.sum(one_hot * log_probs, axis=-1))


def mean_squared_error(predictions, targets):
    return np.mean(np.square(predictions - targets))


def huber(predictions, targets, delta=1.0):
    error = np.abs(predictions - targets)
    quadratic = np.minimum(error, delta)
    return np.mean(0.5 * quadratic**2 + delta * (error - quadratic))


def accuracy(logits, labels):
    return np.mean(
        (np.argmax(logits, axis=-1).astype(np.int32) == labels).astype(np.float32)
    )
