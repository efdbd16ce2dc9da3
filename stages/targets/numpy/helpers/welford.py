import numpy as np

from ...shared.statistics import Statistics


class Welford:
    """nnx.metrics.Welford: the running mean and (population) variance of every value
    given as update(<argname>=values), by Welford's algorithm, as Flax's."""

    def __init__(self, argname="values"):
        self.argname = argname
        self.reset()

    def reset(self):
        self.count = np.int32(0)
        self.mean = np.float32(0.0)
        self.m2 = np.float32(0.0)

    def update(self, **kwargs):
        if self.argname not in kwargs:
            raise TypeError(f"Expected keyword argument '{self.argname}'")
        values = kwargs[self.argname]
        number = isinstance(values, (int, float))
        values = np.float32(values) if number else np.asarray(values, np.float32)
        count = 1 if number else values.size
        original_count = np.float32(self.count)
        self.count = np.int32(self.count + count)
        total = np.float32(self.count)
        delta = np.float32((values if number else values.mean()) - self.mean)
        self.mean = np.float32(self.mean + delta * np.float32(count) / total)
        m2 = np.float32(0.0) if number else np.float32(values.var() * np.float32(count))
        increment = delta * delta * np.float32(count) * original_count / total
        self.m2 = np.float32(self.m2 + m2 + increment)

    def compute(self):
        count = np.float32(self.count)
        with np.errstate(invalid="ignore", divide="ignore"):
            standard_deviation = np.float32(np.sqrt(self.m2 / count))
            return Statistics(
                mean=self.mean,
                standard_error_of_mean=np.float32(standard_deviation / np.sqrt(count)),
                standard_deviation=standard_deviation,
            )
