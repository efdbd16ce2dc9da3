import torch


def maximum(x, y):
    """jnp.maximum: as XLA, 0.0 for -0.0 and 0.0 (torch's vectorized max gives either one).

    Adding a zero changes only a zero max, to -0.0 if both are -0.0 (the sign of x + y where the max is a zero).
    """
    out = torch.clamp(x, min=y)
    if not out.is_floating_point():
        return out
    return out + torch.copysign(out.new_zeros(()), x + y)
