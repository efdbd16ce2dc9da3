import torch


def gelu(x, approximate=True):
    """jax.nn.gelu: the tanh approximation, or exactly x * Phi(x) (torch's exact gelu is NaN at +inf)."""
    if approximate:
        return torch.nn.functional.gelu(x, approximate="tanh")
    return x * torch.special.ndtr(x)
