import numpy as np


def floor_divide(x, y):
    """jnp.floor_divide as XLA computes it: a zero float quotient has the sign of y (NumPy's,
    of x / y), and an integer x // 0 is -1 for x == 0 and -2 otherwise (NumPy's is 0)."""
    dtype = np.result_type(x, y)
    if dtype.kind == "f":
        q = np.floor_divide(x, y)
        return np.where(q == 0, np.copysign(q, y), q)[()]
    zero = np.equal(y, 0)
    q = np.floor_divide(x, np.where(zero, 1, y).astype(dtype))
    return np.where(zero, np.where(np.equal(x, 0), -1, -2), q).astype(q.dtype)[()]
