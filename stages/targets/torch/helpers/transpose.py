def transpose(x):
    """jnp.transpose without axes: all axes reversed."""
    return x.permute(*reversed(range(x.ndim)))
