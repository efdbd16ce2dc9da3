import keras
import tensorflow as tf


def bernoulli(key, p=0.5, shape=None):
    """jax.random.bernoulli: True with probability p, of shape `shape` (p's if None)."""
    p = tf.convert_to_tensor(p, dtype=tf.float32)
    return keras.random.uniform(p.shape if shape is None else shape, seed=key) < p
