import torch

from .at_update import at_update


def at_by_product(x, index, values, combine):
    """x.at[index].divide / .power as JAX computes them: x combined (torch.true_divide or torch.pow) with
    the product of the values scattered into ones, repeated indices multiplying."""
    return combine(x, at_update(torch.ones_like(x), index, values, "prod"))
