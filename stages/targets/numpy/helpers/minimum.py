import numpy as np


def minimum(x, y):
    """jnp.minimum: as XLA, -0.0 for -0.0 and 0.0 (np.minimum gives either one)."""
    out = np.minimum(x, y)
    if not np.issubdtype(out.dtype, np.floating):
        return out
    return np.where((x == 0) & (y == 0), np.where(np.signbit(x), x, y), out)
