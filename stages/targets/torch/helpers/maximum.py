import torch


def maximum(x, y):
    """jnp.maximum: as XLA, 0.0 for -0.0 and 0.0 (torch's vectorized max gives either one)."""
    out = torch.clamp(x, min=y)
    if not out.is_floating_point():
        return out
    # the sum of two zeros is -0.0 only if both are
    return torch.where((x == 0) & (y == 0), x + y, out)
