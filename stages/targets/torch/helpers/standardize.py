import torch


def standardize(x, axis=-1, epsilon=1e-5):
    """jax.nn.standardize: (x - mean) / sqrt(var + epsilon), var as mean(x**2) - mean**2."""
    mean = torch.mean(x, dim=axis, keepdim=True)
    var = torch.clamp(
        torch.mean(torch.square(x), dim=axis, keepdim=True) - torch.square(mean), min=0
    )
    return (x - mean) * torch.rsqrt(var + epsilon)
