import torch


class Average:
    """nnx.metrics.Average: the mean of every value given as update(<argname>=values)
    (a number counts once, an array once per element, a mask keeps those it marks);
    NaN before any. The total is float32 and the count int32, as in Flax."""

    def __init__(self, argname="values"):
        self.argname = argname
        self.reset()

    def reset(self):
        self.total = torch.tensor(0.0)
        self.count = torch.tensor(0, dtype=torch.int32)

    def update(self, mask=None, **kwargs):
        if self.argname not in kwargs:
            raise TypeError(f"Expected keyword argument '{self.argname}'")
        values = kwargs[self.argname]
        if isinstance(values, (int, float)):
            if mask is not None:
                raise ValueError(
                    f"If mask is provided, {self.argname} should be a tensor"
                )
            self.total = self.total + values
            self.count = self.count + 1
            return
        values = values.detach()
        if mask is None:
            self.total = self.total + values.sum()
            self.count = self.count + values.numel()
        else:
            self.total = self.total + (values * mask.to(values.dtype)).sum()
            self.count = self.count + mask.sum().to(torch.int32)

    def compute(self):
        return self.total / self.count
