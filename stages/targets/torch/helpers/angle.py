def angle(x):
    """jnp.angle: the complex argument; of a real number 0, or pi below 0 and at
    -0.0."""
    if x.is_complex():
        return torch.angle(x)
    return torch.atan2(torch.zeros_like(x), x)
