import torch

from ...shared.statistics import Statistics


class Welford:
    """nnx.metrics.Welford: the running mean and (population) variance of every value
    given as update(<argname>=values), by Welford's algorithm, as Flax's."""

    def __init__(self, argname="values"):
        self.argname = argname
        self.reset()

    def reset(self):
        self.count = torch.tensor(0, dtype=torch.int32)
        self.mean = torch.tensor(0.0)
        self.m2 = torch.tensor(0.0)

    def update(self, **kwargs):
        if self.argname not in kwargs:
            raise TypeError(f"Expected keyword argument '{self.argname}'")
        values = kwargs[self.argname]
        number = isinstance(values, (int, float))
        if not number:
            values = values.detach()
        count = 1 if number else values.numel()
        original_count = self.count
        self.count = self.count + count
        delta = (values if number else values.mean()) - self.mean
        self.mean = self.mean + delta * count / self.count
        m2 = 0.0 if number else values.var(correction=0) * count
        self.m2 = self.m2 + m2 + delta * delta * count * original_count / self.count

    def compute(self):
        standard_deviation = (self.m2 / self.count) ** 0.5
        return Statistics(
            mean=self.mean,
            standard_error_of_mean=standard_deviation / self.count**0.5,
            standard_deviation=standard_deviation,
        )
