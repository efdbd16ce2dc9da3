def nanvar(x, axis=None, ddof=0, keepdims=False):
    """jnp.nanvar: the variance of the entries that are not NaN, over their count minus
    ddof."""
    dims = tuple(range(x.ndim)) if axis is None else axis
    present = ~torch.isnan(x)
    count = torch.sum(present, dim=dims, keepdim=True)
    mean = torch.nansum(x, dim=dims, keepdim=True) / count
    squares = torch.where(present, torch.square(x - mean), 0.0)
    total = torch.sum(squares, dim=dims, keepdim=keepdims)
    count = count if keepdims else torch.sum(present, dim=dims)
    return total / (count - ddof)
