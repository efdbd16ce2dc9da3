"""Parameter initializers drawing from a PRNG key, and a layer that uses them."""

import keras
import tensorflow as tf


def lecun_normal(key, fan_in: int, fan_out: int):
    scale = tf.math.rsqrt(tf.fill((), tf.constant(fan_in, dtype=tf.float32)))
    return keras.random.normal((fan_in, fan_out), dtype=tf.float32, seed=key) * scale


def uniform_bias(key, size: int, bound: float = 0.5):
    return keras.random.uniform(
        (size,), minval=-bound, maxval=bound, dtype=tf.float32, seed=key
    )


def dense_relu(x, w, b):
    return tf.nn.relu(x @ w + b)
