import numpy as np


def sigmoid(x):
    """The logistic function."""
    return 1 / (1 + np.exp(-x))
