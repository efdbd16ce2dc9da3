import keras


def split_key(key, num=2):
    """jax.random.split: num new seed generators, seeded from key's stream."""
    seeds = keras.random.randint((num,), 0, 2**31 - 1, seed=key)
    return [keras.random.SeedGenerator(int(seed)) for seed in seeds]
