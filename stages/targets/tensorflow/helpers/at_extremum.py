import tensorflow as tf

from .at_update import at_update


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
