"""Parameter initializers drawing from a PRNG key, and a layer that uses them."""

import ivy


def lecun_normal(key, fan_in: int, fan_out: int):
    scale = ivy.rsqrt(ivy.full((), fan_in, dtype=ivy.float32))
    return ivy.random_normal(key, (fan_in, fan_out), dtype=ivy.float32) * scale


def uniform_bias(key, size: int, bound: float = 0.5):
    return ivy.random_uniform(
        key, (size,), dtype=ivy.float32, minval=-bound, maxval=bound
    )


def dense_relu(x, w, b):
    return ivy.relu(x @ w + b)


def init_dense(seed: int, fan_in: int, fan_out: int):
    key = ivy.random_key(seed)
    kernel_key, bias_key = ivy.random_split(key)
    return lecun_normal(kernel_key, fan_in, fan_out), uniform_bias(bias_key, fan_out)
