"""Parameter initializers drawing from a PRNG key, and a layer that uses them."""

import keras
import tensorflow as tf
import tensorflow.experimental.numpy as tnp


def split_key(key, num=2):
    """jax.random.split: num new seed generators, seeded from key's stream."""
    seeds = keras.random.randint((num,), 0, 2**31 - 1, seed=key)
    return [keras.random.SeedGenerator(int(seed)) for seed in seeds]


def lecun_normal(key, fan_in: int, fan_out: int):
    scale = tf.math.rsqrt(tf.fill((), tf.constant(fan_in, dtype=tf.float32)))
    return keras.random.normal((fan_in, fan_out), dtype=tf.float32, seed=key) * scale


def uniform_bias(key, size: int, bound: float = 0.5):
    return keras.random.uniform(
        (size,), minval=-bound, maxval=bound, dtype=tf.float32, seed=key
    )


def dense_relu(x, w, b):
    return tf.nn.relu(tnp.matmul(x, w) + b)


def init_dense(seed: int, fan_in: int, fan_out: int):
    key = keras.random.SeedGenerator(seed)
    kernel_key, bias_key = split_key(key)
    return lecun_normal(kernel_key, fan_in, fan_out), uniform_bias(bias_key, fan_out)
