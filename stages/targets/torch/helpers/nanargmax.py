def nanargmax(x, axis=None, keepdims=False):
    """jnp.nanargmax: the index of the max leaving NaNs out (int32); -1 where a slice is
    all NaN."""
    nan = torch.isnan(x)
    index = torch.argmax(torch.where(nan, -math.inf, x), dim=axis, keepdim=keepdims)
    all_nan = (
        torch.all(nan) if axis is None else torch.all(nan, dim=axis, keepdim=keepdims)
    )
    return torch.where(all_nan, -1, index).int()
