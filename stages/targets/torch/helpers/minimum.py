import torch


def minimum(x, y):
    """jnp.minimum: as XLA, -0.0 for -0.0 and 0.0 (torch's vectorized min gives either one).

    The max's fix-up mirrored: -(zero - min) changes only a zero min, to -0.0 if either is -0.0 (then the zero, the
    sign of -x - y, is 0.0).
    """
    out = torch.clamp(x, max=y)
    if not out.is_floating_point():
        return out
    return -(torch.copysign(out.new_zeros(()), -x - y) - out)
