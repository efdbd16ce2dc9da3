"""Parameter initializers drawing from a PRNG key, and a layer that uses them."""

import numpy as np


def lecun_normal(key, fan_in: int, fan_out: int):
    scale = 1 / np.sqrt(np.full((), fan_in, dtype=np.float32))
    return key.standard_normal((fan_in, fan_out), dtype=np.float32) * scale


def uniform_bias(key, size: int, bound: float = 0.5):
    return key.uniform(-bound, bound, (size,)).astype(np.float32)


def dense_relu(x, w, b):
    return np.maximum(x @ w + b, 0)


def init_dense(seed: int, fan_in: int, fan_out: int):
    key = np.random.default_rng(seed)
    kernel_key, bias_key = key.spawn(2)
    return lecun_normal(kernel_key, fan_in, fan_out), uniform_bias(bias_key, fan_out)
