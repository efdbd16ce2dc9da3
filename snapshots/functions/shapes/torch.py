"""Shape manipulation and indexing with `None`, `...` and slices."""

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


def split(x, indices_or_sections, axis=0):
    """jnp.split: a number of equal sections, or the indices to split at."""
    if isinstance(indices_or_sections, int):
        return list(torch.chunk(x, indices_or_sections, dim=axis))
    bounds = [0, *indices_or_sections, x.shape[axis]]
    sizes = [bounds[k + 1] - bounds[k] for k in range(len(bounds) - 1)]
    return list(torch.split(x, sizes, dim=axis))


def transpose(x):
    """jnp.transpose without axes: all axes reversed."""
    return x.permute(*reversed(range(x.ndim)))


def reshape_and_transpose(x):
    y = torch.reshape(x, (x.shape[0], -1))
    z = torch.reshape(x, (x.shape[0], x.shape[1], -1))
    rows, cols = x.shape[:2]
    w = torch.reshape(x, (rows, cols, -1))
    return y, torch.permute(z, (2, 0, 1)), torch.swapaxes(x, 0, 1), transpose(x), w


def expand_and_squeeze(x):
    a = torch.unsqueeze(x, 0)
    b = x[None, :, None]
    return a, b, torch.squeeze(b, 0), torch.squeeze(b, 2)


def join_and_split(x, y):
    both = torch.cat([x, y], dim=-1)
    stacked = torch.stack((x, y))
    first, second = split(both, 2, axis=-1)
    return both, stacked, first + second


def ellipsis_indexing(x):
    last = x[..., -1]
    head = x[:2, ..., None]
    return last, head, x[1, :, ::2], torch.broadcast_to(x[0, 0], (3, x.shape[-1]))


def pad_and_flatten(x):
    return pad(x, ((1, 0), (0, 2)), 0), torch.reshape(x, (-1,))
