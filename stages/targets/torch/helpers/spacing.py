def spacing(x):
    """jnp.spacing: the distance from x to the next float away from zero, signed as x."""
    return torch.nextafter(x, torch.copysign(torch.full_like(x, math.inf), x)) - x
