def nanmax(x, axis=None, keepdims=False):
    """jnp.nanmax: the max over `axis` leaving NaNs out; NaN where a slice is all
    NaN."""
    dims = tuple(range(x.ndim)) if axis is None else axis
    if not x.is_floating_point():
        return torch.amax(x, dim=dims, keepdim=keepdims)
    nan = torch.isnan(x)
    out = torch.amax(torch.where(nan, -math.inf, x), dim=dims, keepdim=keepdims)
    return torch.where(torch.all(nan, dim=dims, keepdim=keepdims), math.nan, out)
