import torch


def categorical(key, logits, axis=-1):
    """jax.random.categorical: an int32 index along axis drawn with probabilities softmax(logits)."""
    u = torch.rand(logits.shape, generator=key).clamp(
        min=torch.finfo(torch.float32).tiny
    )
    return torch.argmax(logits - torch.log(-torch.log(u)), dim=axis).int()
