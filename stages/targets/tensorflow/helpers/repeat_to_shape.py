import tensorflow as tf


def repeat_to_shape(x, shape):
    """jnp.resize: the flattened x repeated to fill the shape (a tuple of positive ints)."""
    n = 1
    for d in shape:
        n *= d
    flat = tf.reshape(x, [-1])
    reps = (n + tf.size(flat) - 1) // tf.size(flat)
    return tf.reshape(tf.tile(flat, [reps])[:n], shape)
