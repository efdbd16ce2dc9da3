import math

import torch


def conv_weight(kernel_init, key, shape, fan_in):
    """A conv weight of torch's layout shape (a, b, *window): kernel_init(key, shape) of
    Flax's layout (*window, b, a), permuted, else a normal of standard deviation
    1 / sqrt(fan_in), drawn from the generator key."""
    if kernel_init is None:
        return torch.randn(shape, generator=key) / math.sqrt(fan_in)
    kernel = torch.as_tensor(kernel_init(key, (*shape[2:], shape[1], shape[0])))
    weight = kernel.permute(-1, -2, *range(kernel.ndim - 2))
    return weight.to(torch.float32).contiguous()
