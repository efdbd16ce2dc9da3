import tensorflow as tf


def hard_silu(x):
    """jax.nn.hard_silu: x * relu6(x + 3) / 6."""
    return x * (tf.nn.relu6(x + 3.0) / 6.0)
