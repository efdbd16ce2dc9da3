import numpy as np

from .sigmoid import sigmoid


def glu(x, axis=-1):
    """jax.nn.glu: the first half along axis times the sigmoid of the second."""
    a, b = np.split(x, 2, axis=axis)
    return a * sigmoid(b)
