import numpy as np


class Average:
    """nnx.metrics.Average: the mean of every value given as update(<argname>=values)
    (a number counts once, an array once per element, a mask keeps those it marks);
    NaN before any. The total is float32 and the count int32, as in Flax."""

    def __init__(self, argname="values"):
        self.argname = argname
        self.reset()

    def reset(self):
        self.total = np.float32(0.0)
        self.count = np.int32(0)

    def update(self, mask=None, **kwargs):
        if self.argname not in kwargs:
            raise TypeError(f"Expected keyword argument '{self.argname}'")
        values = kwargs[self.argname]
        if isinstance(values, (int, float)):
            if mask is not None:
                raise ValueError(
                    f"If mask is provided, {self.argname} should be an array"
                )
            self.total = np.float32(self.total + np.float32(values))
            self.count = np.int32(self.count + 1)
            return
        values = np.asarray(values)
        if mask is None:
            self.total = np.float32(self.total + np.float32(values.sum()))
            self.count = np.int32(self.count + values.size)
        else:
            kept = values * np.asarray(mask).astype(values.dtype)
            self.total = np.float32(self.total + np.float32(kept.sum()))
            self.count = np.int32(self.count + np.int32(np.asarray(mask).sum()))

    def compute(self):
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.float32(self.total / np.float32(self.count))
