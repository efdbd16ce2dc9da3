"""Random sampling beyond normal and uniform: masks, token sampling, crops, shuffles, truncated init."""

import jax_frontend


def dropout_mask(key, shape: tuple, keep: float):
    return jax_frontend.random.bernoulli(key, keep, shape)


def coin_flips(key, probabilities):
    # one draw per entry of `probabilities` (shape=None)
    return jax_frontend.random.bernoulli(key, probabilities)


def sample_tokens(key, logits, temperature: float = 1.0):
    return jax_frontend.random.categorical(key, logits / temperature, axis=-1)


def crop_offsets(key, count: int, limit: int):
    return jax_frontend.random.randint(key, (count, 2), 0, limit)


def shuffle_rows(key, x):
    return jax_frontend.random.permutation(key, x)


def shuffled_indices(key, n: int):
    return jax_frontend.random.permutation(key, n)


def truncated_init(key, fan_in: int, fan_out: int):
    return (
        jax_frontend.random.truncated_normal(key, -2.0, 2.0, (fan_in, fan_out)) * 0.02
    )


def one_sided(key, size: int):
    return jax_frontend.random.truncated_normal(key, 0.5, 3.0, (size,))
