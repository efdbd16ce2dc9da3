import numpy as np


class Dropout:
    """nnx.Dropout: zeroes each input with probability rate and scales the rest by
    1 / (1 - rate), unless deterministic (here or per call)."""

    def __init__(self, rate, deterministic=False, rngs=None):
        self.rate = rate
        self.deterministic = deterministic
        self.rng = np.random.default_rng() if rngs is None else rngs.dropout()

    def __call__(self, x, deterministic=None, rngs=None):
        if deterministic is None:
            deterministic = self.deterministic
        if deterministic or self.rate == 0.0:
            return x
        if self.rate == 1.0:
            return np.zeros_like(x)
        rng = self.rng if rngs is None else rngs.dropout()
        keep = rng.random(np.shape(x)) >= self.rate
        return np.where(keep, x / np.float32(1.0 - self.rate), np.zeros_like(x))
