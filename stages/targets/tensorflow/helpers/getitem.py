import tensorflow as tf


def getitem(x, index):
    """x[index] with NumPy indexing, integer-array indices included (as in JAX)."""
    items = list(index) if isinstance(index, tuple) else [index]
    simple = (int, slice, type(None), type(Ellipsis))
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
