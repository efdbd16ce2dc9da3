"""Random sampling beyond normal and uniform: masks, token sampling, crops, shuffles, truncated init."""

import math

import keras
import tensorflow as tf


def bernoulli(key, p=0.5, shape=None):
    """jax.random.bernoulli: True with probability p, of shape `shape` (p's if None)."""
    p = tf.convert_to_tensor(p, dtype=tf.float32)
    return keras.random.uniform(p.shape if shape is None else shape, seed=key) < p


def categorical(key, logits, axis=-1):
    """jax.random.categorical: an int32 index along axis drawn with probabilities softmax(logits)."""
    u = keras.random.uniform(tf.shape(logits), minval=1.1754944e-38, seed=key)
    return tf.argmax(
        logits - tf.math.log(-tf.math.log(u)), axis=axis, output_type=tf.int32
    )


def permutation(key, x, axis=0):
    """jax.random.permutation: a shuffled int32 range(x) for an int, else x shuffled along axis."""
    if isinstance(x, int):
        return keras.random.shuffle(tf.range(x), seed=key)
    return tf.gather(
        x, keras.random.shuffle(tf.range(tf.shape(x)[axis]), seed=key), axis=axis
    )


def truncated_normal(key, lower, upper, shape=None, dtype=tf.float32):
    """jax.random.truncated_normal, drawn as JAX does: sqrt(2) * erfinv(u), u uniform in (erf(lower / sqrt(2)), erf(upper / sqrt(2)))."""
    a = tf.math.erf(tf.cast(lower, dtype) / math.sqrt(2))
    b = tf.math.erf(tf.cast(upper, dtype) / math.sqrt(2))
    shape = tf.broadcast_static_shape(a.shape, b.shape) if shape is None else shape
    u = a + (b - a) * keras.random.uniform(shape, dtype=dtype, seed=key)
    return tf.clip_by_value(math.sqrt(2) * tf.math.erfinv(u), lower, upper)


def dropout_mask(key, shape: tuple, keep: float):
    return bernoulli(key, p=keep, shape=shape)


def coin_flips(key, probabilities):
    # one draw per entry of `probabilities` (shape=None)
    return bernoulli(key, p=probabilities)


def sample_tokens(key, logits, temperature: float = 1.0):
    return categorical(key, logits / temperature)


def crop_offsets(key, count: int, limit: int):
    return keras.random.randint((count, 2), 0, limit, dtype=tf.int32, seed=key)


def shuffle_rows(key, x):
    return permutation(key, x)


def shuffled_indices(key, n: int):
    return permutation(key, n)


def truncated_init(key, fan_in: int, fan_out: int):
    return (
        truncated_normal(key, -2.0, 2.0, shape=(fan_in, fan_out), dtype=tf.float32)
        * 0.02
    )


def one_sided(key, size: int):
    return truncated_normal(key, 0.5, 3.0, shape=(size,), dtype=tf.float32)
