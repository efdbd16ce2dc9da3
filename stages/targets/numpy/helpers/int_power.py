import numpy as np


def int_power(x, y):
    """jnp.power of integers as JAX computes it: squaring over the exponent's low 6 bits, so
    x ** (y & 63), wrapping, where 0 ** y is 0 for every y != 0 (NumPy rejects negative powers)."""
    power = np.power(x, np.bitwise_and(y, 63))
    return np.where(np.equal(x, 0) & np.not_equal(y, 0), 0, power).astype(power.dtype)[
        ()
    ]
