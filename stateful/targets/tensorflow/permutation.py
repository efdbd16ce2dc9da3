import keras
import tensorflow as tf


def permutation(key, x, axis=0):
    """jax.random.permutation: a shuffled int32 range(x) for an int, else x shuffled along axis."""
    if isinstance(x, int):
        return keras.random.shuffle(tf.range(x), seed=key)
    return tf.gather(
        x, keras.random.shuffle(tf.range(tf.shape(x)[axis]), seed=key), axis=axis
    )
