import torch

from .lecun_normal import lecun_normal


def conv_weight(kernel_init, key, shape):
    """A conv weight of torch's layout shape (a, b, *window): kernel_init(key, shape) of
    Flax's layout (*window, b, a), LeCun normal by default as in Flax, permuted, drawn
    from the generator key."""
    init = kernel_init or lecun_normal
    kernel = torch.as_tensor(init(key, (*shape[2:], shape[1], shape[0])))
    weight = kernel.permute(-1, -2, *range(kernel.ndim - 2))
    return weight.to(torch.float32).contiguous()
