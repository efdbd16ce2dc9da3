import numpy as np


def maximum(x, y):
    """jnp.maximum: as XLA, 0.0 for -0.0 and 0.0 (np.maximum gives either one)."""
    out = np.maximum(x, y)
    if not np.issubdtype(out.dtype, np.floating):
        return out
    # the sum of two zeros is -0.0 only if both are
    return np.where((x == 0) & (y == 0), x + y, out)
