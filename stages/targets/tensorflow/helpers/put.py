import tensorflow as tf

from .at_update import at_update


def put(x, ind, v, mode=None):
    """jnp.put(..., inplace=False): entries of the flattened x set at ind (clipped into range for
    mode 'clip', wrapped for 'wrap'), in x's shape."""
    flat = tf.reshape(x, [-1])
    n = tf.size(flat, out_type=ind.dtype)
    if mode == "clip":
        ind = tf.clip_by_value(ind, 0, n - 1)
    elif mode == "wrap":
        ind = tf.math.floormod(ind, n)
    return tf.reshape(at_update(flat, ind, v, tf.tensor_scatter_nd_update), tf.shape(x))
