import numpy as np


class Variable:
    """nnx.Variable: holds an array, read and written as .value."""

    def __init__(self, value):
        self.value = np.asarray(value)
