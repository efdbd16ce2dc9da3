import numpy as np


def standardize(x, axis=-1, epsilon=1e-5):
    """jax.nn.standardize: (x - mean) / sqrt(var + epsilon), var as mean(x**2) - mean**2."""
    mean = np.mean(x, axis=axis, keepdims=True)
    var = np.mean(np.square(x), axis=axis, keepdims=True) - np.square(mean)
    return (x - mean) / np.sqrt(np.maximum(var, 0) + epsilon)
