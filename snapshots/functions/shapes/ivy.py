"""Shape manipulation and indexing with `None`, `...` and slices."""

import ivy


def reshape_and_transpose(x):
    y = ivy.reshape(x, (ivy.shape(x)[0], -1))
    z = ivy.reshape(x, (ivy.shape(x)[0], ivy.shape(x)[1], -1))
    rows, cols = ivy.shape(x)[:2]
    w = ivy.reshape(x, (rows, cols, -1))
    return (
        y,
        ivy.transpose(z, axes=(2, 0, 1)),
        ivy.swapaxes(x, 0, 1),
        ivy.transpose(x),
        w,
    )


def expand_and_squeeze(x):
    a = ivy.expand_dims(x, 0)
    b = x[None, :, None]
    return a, b, ivy.squeeze(b, axis=0), ivy.squeeze(b, axis=2)


def join_and_split(x, y):
    both = ivy.concatenate([x, y], axis=-1)
    stacked = ivy.stack((x, y))
    first, second = ivy.split(both, 2, axis=-1)
    return both, stacked, first + second


def ellipsis_indexing(x):
    last = x[..., -1]
    head = x[:2, ..., None]
    return last, head, x[1, :, ::2], ivy.broadcast_to(x[0, 0], (3, ivy.shape(x)[-1]))


def pad_and_flatten(x):
    return ivy.pad(x, ((1, 0), (0, 2))), ivy.reshape(x, (-1,))
