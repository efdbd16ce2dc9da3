"""Functional updates with `.at[]`: set, add (accumulating), multiply, min, max, divide, power and get."""

import tensorflow as tf


def getitem(x, index):
    """x[index] with NumPy indexing, integer-array indices included (as in JAX)."""
    items = list(index) if isinstance(index, tuple) else [index]
    simple = int, slice, type(None), type(Ellipsis)
    if all(isinstance(item, simple) for item in items):
        return x[index]
    ellipsis = [n for n, item in enumerate(items) if item is Ellipsis]
    if ellipsis:
        used = sum(item is not None for item in items) - 1
        at = ellipsis[0]
        items[at : at + 1] = [slice(None)] * (len(x.shape) - used)
    # Slice first, with a full slice where an array or integer indexes an axis.
    basic, axes, arrays = [], [], []
    for item in items:
        if item is None or isinstance(item, slice):
            basic.append(item)
        else:
            basic.append(slice(None))
            axes.append(len(basic) - 1)
            arrays.append(tf.cast(item, tf.int32))
    sliced = x[tuple(basic)]
    size = tf.shape(sliced)
    arrays = [tf.where(a < 0, a + size[axis], a) for a, axis in zip(arrays, axes)]
    shape = tf.shape(arrays[0])
    for a in arrays[1:]:
        shape = tf.broadcast_dynamic_shape(shape, tf.shape(a))
    indices = tf.stack([tf.broadcast_to(a, shape) for a in arrays], axis=-1)
    # Gather the indexed axes, moved to the front; the broadcast index shape leads.
    rest = [axis for axis in range(len(sliced.shape)) if axis not in axes]
    out = tf.gather_nd(tf.transpose(sliced, axes + rest), indices)
    if axes != list(range(axes[0], axes[0] + len(axes))) or axes[0] == 0:
        return out
    # Adjacent indexed axes: their result axes stay where they were.
    lead = len(out.shape) - len(rest)
    order = list(range(lead, len(out.shape)))
    return tf.transpose(out, order[: axes[0]] + list(range(lead)) + order[axes[0] :])


def positions(x, index):
    """The flat positions x[index] reads, for functional updates."""
    return getitem(tf.reshape(tf.range(tf.size(x)), tf.shape(x)), index)


def at_multiply(x, index, values):
    """x.at[index].multiply(values): repeated indices multiply, as in JAX."""
    where = positions(x, index)
    values = tf.broadcast_to(tf.cast(values, x.dtype), tf.shape(where))
    factors = tf.math.unsorted_segment_prod(
        tf.reshape(values, [-1]), tf.reshape(where, [-1]), tf.size(x)
    )
    return x * tf.reshape(factors, tf.shape(x))


def at_by_product(x, index, values, combine):
    """x.at[index].divide / .power as JAX computes them: x combined (divide or tf.pow) with
    the product of the values scattered into ones, repeated indices multiplying."""
    return combine(x, at_multiply(tf.ones_like(x), index, values))


def at_update(x, index, values, scatter):
    """x.at[index].set / .add: values scattered into x[index] by scatter
    (tf.tensor_scatter_nd_update or _add; an add accumulates repeated indices, as in JAX)."""
    where = positions(x, index)
    values = tf.broadcast_to(tf.cast(values, x.dtype), tf.shape(where))
    flat = scatter(
        tf.reshape(x, [-1]), tf.reshape(where, [-1, 1]), tf.reshape(values, [-1])
    )
    return tf.reshape(flat, tf.shape(x))


def at_extremum(x, index, values, scatter):
    """x.at[index].min / .max by scatter (tf.tensor_scatter_nd_min or _max), which
    keeps x's value where a value is NaN: JAX's min and max give NaN there."""
    out = at_update(x, index, values, scatter)
    if not x.dtype.is_floating:
        return out
    values = tf.cast(values, x.dtype)
    nans = tf.where(tf.math.is_nan(values), values, tf.zeros_like(values))
    hit = at_update(tf.zeros_like(x), index, nans, tf.tensor_scatter_nd_add)
    return tf.where(tf.math.is_nan(hit), hit, out)


def divide(x, y):
    """jnp.divide: integers divide to float32, as in JAX."""
    x = tf.convert_to_tensor(x)
    y = tf.convert_to_tensor(y, dtype_hint=x.dtype)
    if x.dtype.is_integer:
        x = tf.cast(x, tf.float32)
    if y.dtype.is_integer:
        y = tf.cast(y, tf.float32)
    return x / y


def scatter_updates(x, idx):
    a = at_update(x, 0, 0.0, tf.tensor_scatter_nd_update)
    b = at_update(x, (slice(None, None), 1), 1.0, tf.tensor_scatter_nd_add)
    c = at_multiply(x, (slice(1, None), slice(None, None, 2)), 2.0)
    d = at_update(x, idx, 10.0, tf.tensor_scatter_nd_add)
    return a, b, c, d


def clamp_last_column(x):
    return at_update(
        x,
        (..., -1),
        tf.minimum(tf.maximum(x[..., -1], -0.5), 0.5),
        tf.tensor_scatter_nd_update,
    )


def gather_rows(x, idx):
    return getitem(x, idx)


def running_extremes(x, idx, v):
    low = at_extremum(x, idx, v[: idx.shape[0], None], tf.tensor_scatter_nd_min)
    high = at_extremum(x, (idx, slice(1, None)), 0.0, tf.tensor_scatter_nd_max)
    return (
        low,
        high,
        at_by_product(x, (slice(None, None), 0), v, divide),
        at_by_product(tf.abs(x), idx, 2.0, tf.pow),
    )
