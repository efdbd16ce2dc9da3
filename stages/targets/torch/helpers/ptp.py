def ptp(x, axis=None, keepdims=False):
    """jnp.ptp: max minus min over `axis` (every axis when None)."""
    dims = tuple(range(x.ndim)) if axis is None else axis
    return torch.amax(x, dim=dims, keepdim=keepdims) - torch.amin(
        x, dim=dims, keepdim=keepdims
    )
