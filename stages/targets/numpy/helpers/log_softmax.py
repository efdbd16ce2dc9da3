import numpy as np


def log_softmax(x, axis=-1):
    """x minus its logsumexp along axis, with the max taken out first (as JAX does)."""
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
