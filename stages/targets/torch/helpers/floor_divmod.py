def floor_divmod(x, y):
    """jnp.divmod: (floor_divide(x, y), remainder(x, y))."""
    return torch.floor_divide(x, y), torch.remainder(x, y)
