/**
 * Python helpers a TensorFlow output may need, each added only when used.
 *
 * @module
 */
import type { Helper } from "../emitter.ts";

/** The tensorflow helper table. */
export const tensorflowHelpers: Record<string, Helper> = {
  asarray: {
    source: `
def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = tf.convert_to_tensor(obj)
    if dtype is not None:
        return tf.cast(x, dtype)
    if x.dtype == tf.float64:
        return tf.cast(x, tf.float32)
    if x.dtype == tf.int64:
        return tf.cast(x, tf.int32)
    return x
`,
  },
  divide: {
    source: `
def divide(x, y):
    """jnp.divide: integers divide to float32, as in JAX."""
    x = tf.convert_to_tensor(x)
    y = tf.convert_to_tensor(y, dtype_hint=x.dtype)
    if x.dtype.is_integer:
        x = tf.cast(x, tf.float32)
    if y.dtype.is_integer:
        y = tf.cast(y, tf.float32)
    return x / y
`,
  },
  var: {
    source: `
def var(x, axis=None, keepdims=False, ddof=0):
    """jnp.var: the mean squared deviation, divided by n - ddof."""
    mean = tf.reduce_mean(x, axis=axis, keepdims=True)
    total = tf.reduce_sum(tf.square(x - mean), axis=axis, keepdims=keepdims)
    count = tf.cast(tf.size(x) // tf.size(mean), x.dtype)
    return total / (count - ddof)
`,
  },
  argmax: {
    source: `
def argmax(x, axis=None, keepdims=False):
    """jnp.argmax: int32 indices, over the flattened array when axis is None."""
    if axis is None:
        out = tf.argmax(tf.reshape(x, [-1]), output_type=tf.int32)
        return tf.reshape(out, [1] * len(x.shape)) if keepdims else out
    out = tf.argmax(x, axis=axis, output_type=tf.int32)
    return tf.expand_dims(out, axis) if keepdims else out
`,
  },
  swapaxes: {
    source: `
def swapaxes(x, axis1, axis2):
    """jnp.swapaxes."""
    perm = list(range(len(x.shape)))
    perm[axis1], perm[axis2] = perm[axis2], perm[axis1]
    return tf.transpose(x, perm)
`,
  },
  split: {
    source: `
def split(x, indices_or_sections, axis=0):
    """jnp.split: a number of equal sections, or the indices to split at."""
    if isinstance(indices_or_sections, int):
        return tf.split(x, indices_or_sections, axis=axis)
    bounds = [0, *indices_or_sections, x.shape[axis]]
    return tf.split(x, [b - a for a, b in zip(bounds[:-1], bounds[1:])], axis=axis)
`,
  },
  pad: {
    source: `
def pad(x, pad_width, constant_value=0):
    """jnp.pad in constant mode."""
    if isinstance(pad_width, int):
        pad_width = [(pad_width, pad_width)] * len(x.shape)
    widths = [w if isinstance(w, (tuple, list)) else (w, w) for w in pad_width]
    if len(widths) == 1:
        widths = widths * len(x.shape)
    return tf.pad(x, widths, constant_values=constant_value)
`,
  },
  dot: {
    source: `
def dot(x, y):
    """jnp.dot for vectors and matrices."""
    if len(x.shape) == 1 and len(y.shape) == 1:
        return tf.reduce_sum(x * y)
    return tf.tensordot(x, y, axes=1)
`,
  },
  flat_positions: {
    source: `
def flat_positions(x, index):
    """Flat positions of x[index], for NumPy-style indexing of tf.Tensor."""
    positions = tf.reshape(tf.range(tf.size(x)), tf.shape(x))
    items = index if isinstance(index, tuple) else (index,)
    if any(not isinstance(i, (int, slice, type(None), type(Ellipsis))) for i in items):
        return tf.experimental.numpy.asarray(positions)[index]
    return positions[index]
`,
  },
  at_get: {
    source: `
def at_get(x, index):
    """x[index] with NumPy indexing, integer arrays included."""
    positions = flat_positions(x, index)
    return tf.reshape(tf.gather(tf.reshape(x, [-1]), tf.reshape(positions, [-1])), tf.shape(positions))
`,
  },
  at_set: {
    source: `
def at_set(x, index, values):
    """x.at[index].set(values)."""
    positions = flat_positions(x, index)
    values = tf.broadcast_to(tf.cast(values, x.dtype), tf.shape(positions))
    flat = tf.tensor_scatter_nd_update(
        tf.reshape(x, [-1]), tf.reshape(positions, [-1, 1]), tf.reshape(values, [-1])
    )
    return tf.reshape(flat, tf.shape(x))
`,
  },
  at_add: {
    source: `
def at_add(x, index, values):
    """x.at[index].add(values): repeated indices accumulate, as in JAX."""
    positions = flat_positions(x, index)
    values = tf.broadcast_to(tf.cast(values, x.dtype), tf.shape(positions))
    flat = tf.tensor_scatter_nd_add(
        tf.reshape(x, [-1]), tf.reshape(positions, [-1, 1]), tf.reshape(values, [-1])
    )
    return tf.reshape(flat, tf.shape(x))
`,
  },
  at_multiply: {
    source: `
def at_multiply(x, index, values):
    """x.at[index].multiply(values)."""
    positions = tf.reshape(flat_positions(x, index), [-1])
    values = tf.reshape(tf.broadcast_to(tf.cast(values, x.dtype), tf.shape(flat_positions(x, index))), [-1])
    factors = tf.tensor_scatter_nd_update(tf.ones([tf.size(x)], x.dtype), positions[:, None], values)
    return x * tf.reshape(factors, tf.shape(x))
`,
  },
};
