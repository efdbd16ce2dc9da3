import numpy as np


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
