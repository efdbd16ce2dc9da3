import numpy as np


def maximum(x, y):
    """jnp.maximum: as XLA, 0.0 for -0.0 and 0.0 (np.maximum gives either one).

    Clearing the sign bit where either operand's is clear changes only a zero max: a positive operand makes the max
    positive, and a max of no positive operand is a zero only if one of them is a zero.
    """
    out = np.maximum(x, y)
    if not np.issubdtype(out.dtype, np.floating):
        return out
    bits = f"i{out.dtype.itemsize}"
    keep = np.asarray(x, out.dtype).view(bits) & np.asarray(y, out.dtype).view(bits)
    keep |= np.iinfo(bits).max
    keep &= out.view(bits)
    return keep.view(out.dtype)
