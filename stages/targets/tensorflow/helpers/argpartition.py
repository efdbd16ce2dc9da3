import tensorflow as tf


def argpartition(x, kth):
    """jnp.argpartition along the last axis: the int32 indices of the kth+1 smallest (ties by
    index), then the others in index order."""
    order = tf.argsort(x, axis=-1, stable=True)
    rest = tf.sort(order[..., kth + 1 :], axis=-1)
    return tf.concat([order[..., : kth + 1], rest], axis=-1)
