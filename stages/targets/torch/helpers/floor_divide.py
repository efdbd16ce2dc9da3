import torch


def floor_divide(x, y):
    """jnp.floor_divide as XLA computes it: a zero float quotient has the sign of y (torch's,
    of x / y), and an integer x // 0 is -1 for x == 0 and -2 otherwise (torch raises)."""
    if torch.result_type(x, y).is_floating_point:
        q = torch.floor_divide(x, y)
        return torch.where(q == 0, torch.copysign(q, y), q)
    y = torch.as_tensor(y)
    zero = y == 0
    q = torch.floor_divide(x, torch.where(zero, 1, y))
    return q.masked_fill(zero, -2).masked_fill(zero & (x == 0), -1)
