import torch


def logsumexp_weighted(x, b=None, axis=None, keepdims=False, return_sign=False):
    """log|sum(b * exp(x))| over axis, the max of x where b != 0 taken out first, as in JAX: NaN where the sum
    is negative, or the sum's sign returned beside it with return_sign."""
    if b is None:
        b = torch.ones_like(x)
    x, b = torch.broadcast_tensors(x, b)
    x = torch.where(b != 0, x, -torch.inf)
    dim = tuple(range(x.ndim)) if axis is None else axis
    peak = torch.amax(x, dim=dim, keepdim=True).detach()
    peak = torch.where(torch.isfinite(peak), peak, 0.0)
    total = torch.sum(b * torch.exp(x - peak), dim=dim, keepdim=keepdims)
    sign = torch.sign(total)
    out = torch.log(torch.abs(total)) + (peak if keepdims else torch.squeeze(peak, dim))
    if return_sign:
        return out, sign
    return torch.where(sign < 0, torch.nan, out)
