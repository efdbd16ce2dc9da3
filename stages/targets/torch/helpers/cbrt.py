def cbrt(x):
    """jnp.cbrt: the real cube root, negative for negative x."""
    return torch.sign(x) * torch.abs(x) ** (1 / 3)
