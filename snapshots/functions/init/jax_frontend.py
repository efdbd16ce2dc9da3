"""Parameter initializers drawing from a PRNG key, and a layer that uses them."""

import jax_frontend


def lecun_normal(key, fan_in: int, fan_out: int):
    scale = jax_frontend.lax.rsqrt(
        jax_frontend.numpy.full((), fan_in, dtype=jax_frontend.numpy.float32)
    )
    return jax_frontend.random.normal(key, (fan_in, fan_out)) * scale


def uniform_bias(key, size: int, bound: float = 0.5):
    return jax_frontend.random.uniform(key, (size,), minval=-bound, maxval=bound)


def dense_relu(x, w, b):
    return jax_frontend.nn.relu(x @ w + b)


def init_dense(seed: int, fan_in: int, fan_out: int):
    key = jax_frontend.random.key(seed)
    kernel_key, bias_key = jax_frontend.random.split(key)
    return lecun_normal(kernel_key, fan_in, fan_out), uniform_bias(bias_key, fan_out)
