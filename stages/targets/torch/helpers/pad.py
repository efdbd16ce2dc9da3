import torch


def pad(x, pad_width, constant_value=0):
    """jnp.pad in constant mode: NumPy-style widths to torch's last-axis-first list."""
    if isinstance(pad_width, int):
        pad_width = [(pad_width, pad_width)] * x.ndim
    widths = [w if isinstance(w, (tuple, list)) else (w, w) for w in pad_width]
    if len(widths) == 1:
        widths = widths * x.ndim
    sides = []
    for low, high in reversed(widths):
        sides += [low, high]
    return torch.nn.functional.pad(x, sides, value=constant_value)
