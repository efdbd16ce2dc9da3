"""Classification and regression losses, as in a training step."""

import numpy as np


def log_softmax(x, axis=-1):
    """x minus its logsumexp along axis, with the max taken out first (as JAX does)."""
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def minimum(x, y):
    """jnp.minimum: as XLA, -0.0 for -0.0 and 0.0 (np.minimum gives either one).

    Setting the sign bit where either operand's is set changes only a zero min: a negative operand makes the min
    negative, and a min of no negative operand is a zero only if one of them is a zero.
    """
    out = np.minimum(x, y)
    if not np.issubdtype(out.dtype, np.floating):
        return out
    bits = f"i{out.dtype.itemsize}"
    sign = np.asarray(x, out.dtype).view(bits) | np.asarray(y, out.dtype).view(bits)
    sign &= np.iinfo(bits).min
    sign |= out.view(bits)
    return sign.view(out.dtype)


def cross_entropy(logits, labels):
    log_probs = log_softmax(logits)
    one_hot = np.eye(logits.shape[-1], dtype=np.float32)[labels]
    return -np.mean(np.sum(one_hot * log_probs, axis=-1))


def mean_squared_error(predictions, targets):
    return np.mean(np.square(predictions - targets))


def huber(predictions, targets, delta=1.0):
    error = np.abs(predictions - targets)
    quadratic = minimum(error, delta)
    return np.mean(0.5 * quadratic**2 + delta * (error - quadratic))


def accuracy(logits, labels):
    return np.mean(
        (np.argmax(logits, axis=-1).astype(np.int32) == labels).astype(np.float32)
    )
