def interp(x, xp, fp, left=None, right=None):
    """jnp.interp: piecewise-linear through the points (xp, fp) (xp increasing) at x, as JAX
    computes it; left and right (fp's ends by default) outside xp."""
    i = torch.clamp(torch.searchsorted(xp, x, side="right"), 1, len(xp) - 1)
    dx = xp[i] - xp[i - 1]
    f = torch.where(
        dx == 0, fp[i - 1], fp[i - 1] + (x - xp[i - 1]) / dx * (fp[i] - fp[i - 1])
    )
    f = torch.where(x < xp[0], fp[0] if left is None else left, f)
    return torch.where(x > xp[-1], fp[-1] if right is None else right, f)
