import tensorflow as tf


def swapaxes(x, axis1, axis2):
    """jnp.swapaxes."""
    perm = list(range(len(x.shape)))
    perm[axis1], perm[axis2] = perm[axis2], perm[axis1]
    return tf.transpose(x, perm)
