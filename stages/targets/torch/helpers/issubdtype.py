import torch


def issubdtype(dtype, category):
    """jnp.issubdtype of a torch dtype and a dtype or a category ("floating", "integer", ...)."""
    if not isinstance(category, str):
        return dtype == category
    boolean = dtype == torch.bool
    inexact = dtype.is_floating_point or dtype.is_complex
    kinds = {
        "floating": dtype.is_floating_point,
        "integer": not inexact and not boolean,
        "inexact": inexact,
        "number": not boolean,
        "bool_": boolean,
    }
    return kinds[category]
