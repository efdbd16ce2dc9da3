import numpy as np

from .at_update import at_update


def at_by_product(x, index, values, combine):
    """x.at[index].divide / .power as JAX computes them: x combined (divide or np.power) with
    the product of the values scattered into ones, repeated indices multiplying."""
    return combine(x, at_update(np.ones_like(x), index, values, np.multiply))
