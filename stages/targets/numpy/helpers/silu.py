from .sigmoid import sigmoid


def silu(x):
    """x * sigmoid(x)."""
    return x * sigmoid(x)
