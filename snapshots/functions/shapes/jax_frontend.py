"""Shape manipulation and indexing with `None`, `...` and slices."""

import jax_frontend


def reshape_and_transpose(x):
    y = jax_frontend.numpy.reshape(x, (jax_frontend.Array.shape(x)[0], -1))
    z = jax_frontend.Array.reshape(
        x, jax_frontend.Array.shape(x)[0], jax_frontend.Array.shape(x)[1], -1
    )
    rows, cols = jax_frontend.Array.shape(x)[:2]
    w = jax_frontend.Array.reshape(x, (rows, cols, -1))
    return (
        y,
        jax_frontend.numpy.transpose(z, (2, 0, 1)),
        jax_frontend.numpy.swapaxes(x, 0, 1),
        jax_frontend.Array.T(x),
        w,
    )


def expand_and_squeeze(x):
    a = jax_frontend.numpy.expand_dims(x, 0)
    b = x[None, :, None]
    return a, b, jax_frontend.numpy.squeeze(b, axis=0), jax_frontend.Array.squeeze(b, 2)


def join_and_split(x, y):
    both = jax_frontend.numpy.concatenate([x, y], axis=-1)
    stacked = jax_frontend.numpy.stack((x, y), axis=0)
    first, second = jax_frontend.numpy.split(both, 2, axis=-1)
    return both, stacked, first + second


def ellipsis_indexing(x):
    last = x[..., -1]
    head = x[:2, ..., None]
    return (
        last,
        head,
        x[1, :, ::2],
        jax_frontend.numpy.broadcast_to(x[0, 0], (3, jax_frontend.Array.shape(x)[-1])),
    )


def pad_and_flatten(x):
    return jax_frontend.numpy.pad(x, ((1, 0), (0, 2))), jax_frontend.Array.flatten(x)
