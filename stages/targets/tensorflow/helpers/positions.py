import tensorflow as tf

from .getitem import getitem


def positions(x, index):
    """The flat positions x[index] reads, for functional updates."""
    return getitem(tf.reshape(tf.range(tf.size(x)), tf.shape(x)), index)
