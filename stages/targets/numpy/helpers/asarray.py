import numpy as np


def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = np.asarray(obj, dtype=dtype)
    if dtype is None and x.dtype == np.float64:
        return x.astype(np.float32)
    if dtype is None and x.dtype == np.int64:
        return x.astype(np.int32)
    return x
