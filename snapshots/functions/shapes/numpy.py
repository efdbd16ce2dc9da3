"""Shape manipulation and indexing with `None`, `...` and slices."""

import numpy as np


def reshape_and_transpose(x):
    y = np.reshape(x, (x.shape[0], -1))
    z = np.reshape(x, (x.shape[0], x.shape[1], -1))
    rows, cols = x.shape[:2]
    w = np.reshape(x, (rows, cols, -1))
    return y, np.transpose(z, axes=(2, 0, 1)), np.swapaxes(x, 0, 1), np.transpose(x), w


def expand_and_squeeze(x):
    a = np.expand_dims(x, 0)
    b = x[None, :, None]
    return a, b, np.squeeze(b, axis=0), np.squeeze(b, axis=2)


def join_and_split(x, y):
    both = np.concatenate([x, y], axis=-1)
    stacked = np.stack((x, y))
    first, second = np.split(both, 2, axis=-1)
    return both, stacked, first + second


def ellipsis_indexing(x):
    last = x[..., -1]
    head = x[:2, ..., None]
    return last, head, x[1, :, ::2], np.broadcast_to(x[0, 0], (3, x.shape[-1]))


def pad_and_flatten(x):
    return np.pad(x, ((1, 0), (0, 2))), np.reshape(x, (-1,))
