"""Random sampling beyond normal and uniform: masks, token sampling, crops, shuffles, truncated init."""

import ivy


def dropout_mask(key, shape: tuple, keep: float):
    return ivy.random_bernoulli(key, p=keep, shape=shape)


def coin_flips(key, probabilities):
    # one draw per entry of `probabilities` (shape=None)
    return ivy.random_bernoulli(key, p=probabilities)


def sample_tokens(key, logits, temperature: float = 1.0):
    return ivy.random_categorical(key, logits / temperature)


def crop_offsets(key, count: int, limit: int):
    return ivy.random_randint(key, (count, 2), 0, limit, dtype=ivy.int32)


def shuffle_rows(key, x):
    return ivy.random_permutation(key, x)


def shuffled_indices(key, n: int):
    return ivy.random_permutation(key, n)


def truncated_init(key, fan_in: int, fan_out: int):
    return (
        ivy.random_truncated_normal(
            key, -2.0, 2.0, shape=(fan_in, fan_out), dtype=ivy.float32
        )
        * 0.02
    )


def one_sided(key, size: int):
    return ivy.random_truncated_normal(key, 0.5, 3.0, shape=(size,), dtype=ivy.float32)
