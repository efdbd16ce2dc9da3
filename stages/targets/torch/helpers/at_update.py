import torch


def at_update(x, index, values, reduce):
    """x.at[index].add / .multiply / .min / .max: values combined into x[index] by
    reduce ("sum", "prod", "amin" or "amax"), repeated indices accumulating, as in JAX."""
    positions = torch.arange(x.numel(), device=x.device).reshape(x.shape)[index]
    values = torch.as_tensor(values, dtype=x.dtype).broadcast_to(positions.shape)
    flat = x.reshape(-1).scatter_reduce(
        0, positions.reshape(-1), values.reshape(-1), reduce
    )
    return flat.reshape(x.shape)
