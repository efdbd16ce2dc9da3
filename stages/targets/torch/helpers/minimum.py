import torch


def minimum(x, y):
    """jnp.minimum: as XLA, -0.0 for -0.0 and 0.0 (torch's vectorized min gives either one).

    The max's fix-up mirrored: -(zero - min) changes only a zero min, to -0.0 if either is -0.0 (then the zero, the
    sign of -x - y, is 0.0).
    """
    out = torch.clamp(x, max=y)
    if not out.is_floating_point():
        return out
    # in the min's dtype: an int or bool operand's 0 is 0.0 (and torch negates no bool)
    x, y = torch.as_tensor(x, dtype=out.dtype), torch.as_tensor(y, dtype=out.dtype)
    return -(torch.copysign(out.new_zeros(()), -x - y) - out)
