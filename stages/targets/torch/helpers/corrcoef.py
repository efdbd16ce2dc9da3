def corrcoef(x):
    """jnp.corrcoef: torch.corrcoef clipped to [-1, 1], as JAX's."""
    return torch.clamp(torch.corrcoef(x), -1.0, 1.0)
