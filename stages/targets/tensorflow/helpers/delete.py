import tensorflow as tf


def delete(x, obj, axis):
    """jnp.delete with a tuple of int indices obj (a negative one counts from the end) along axis."""
    n = x.shape[axis]
    keep = [k not in {j % n for j in obj} for k in range(n)]
    return tf.boolean_mask(x, keep, axis=axis % len(x.shape))
