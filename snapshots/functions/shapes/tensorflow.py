"""Shape manipulation and indexing with `None`, `...` and slices."""

import tensorflow as tf


def pad(x, pad_width, constant_value=0):
    """jnp.pad in constant mode."""
    if isinstance(pad_width, int):
        pad_width = [(pad_width, pad_width)] * len(x.shape)
    widths = [w if isinstance(w, (tuple, list)) else (w, w) for w in pad_width]
    if len(widths) == 1:
        widths = widths * len(x.shape)
    return tf.pad(x, widths, constant_values=constant_value)


def split(x, indices_or_sections, axis=0):
    """jnp.split: a number of equal sections, or the indices to split at."""
    if isinstance(indices_or_sections, int):
        return tf.split(x, indices_or_sections, axis=axis)
    bounds = [0, *indices_or_sections, x.shape[axis]]
    sizes = [bounds[k + 1] - bounds[k] for k in range(len(bounds) - 1)]
    return tf.split(x, sizes, axis=axis)


def swapaxes(x, axis1, axis2):
    """jnp.swapaxes."""
    perm = list(range(len(x.shape)))
    perm[axis1], perm[axis2] = perm[axis2], perm[axis1]
    return tf.transpose(x, perm)


def reshape_and_transpose(x):
    y = tf.reshape(x, (x.shape[0], -1))
    z = tf.reshape(x, (x.shape[0], x.shape[1], -1))
    rows, cols = x.shape[:2]
    w = tf.reshape(x, (rows, cols, -1))
    return y, tf.transpose(z, perm=(2, 0, 1)), swapaxes(x, 0, 1), tf.transpose(x), w


def expand_and_squeeze(x):
    a = tf.expand_dims(x, 0)
    b = x[None, :, None]
    return a, b, tf.squeeze(b, axis=0), tf.squeeze(b, axis=2)


def join_and_split(x, y):
    both = tf.concat([x, y], -1)
    stacked = tf.stack((x, y))
    first, second = split(both, 2, axis=-1)
    return both, stacked, first + second


def ellipsis_indexing(x):
    last = x[..., -1]
    head = x[:2, ..., None]
    return last, head, x[1, :, ::2], tf.broadcast_to(x[0, 0], (3, x.shape[-1]))


def pad_and_flatten(x):
    return pad(x, ((1, 0), (0, 2)), 0), tf.reshape(x, (-1,))
