import torch


def minimum(x, y):
    """jnp.minimum: as XLA, -0.0 for -0.0 and 0.0 (torch's vectorized min gives either one)."""
    out = torch.clamp(x, max=y)
    if not out.is_floating_point():
        return out
    return torch.where((x == 0) & (y == 0), torch.where(torch.signbit(x), x, y), out)
