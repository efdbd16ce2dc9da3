import numpy as np

from .average import Average


class Accuracy(Average):
    """nnx.metrics.Accuracy: the Average of argmax(logits, -1) == labels (int labels
    of one dimension less), or with a threshold of (logits >= threshold) == (labels > 0)."""

    def __init__(self, threshold=None, argname="values"):
        if threshold is not None and not isinstance(threshold, float):
            raise TypeError(f"Expected threshold to be a float, got {type(threshold)}")
        self.threshold = threshold
        super().__init__(argname)

    def update(self, *, logits, labels, mask=None, **_):
        expected = np.ndim(labels) + (0 if self.threshold is not None else 1)
        if np.ndim(logits) != expected:
            raise ValueError(
                f"expected logits.ndim == {expected}, got {np.ndim(logits)} and {np.ndim(labels)}"
            )
        if np.asarray(labels).dtype not in (np.int32, np.int64):
            raise ValueError(
                f"Expected labels.dtype==int32, got {np.asarray(labels).dtype}"
            )
        if self.threshold is not None:
            values = (logits >= self.threshold) == (labels > 0)
        else:
            values = np.argmax(logits, axis=-1) == labels
        super().update(values=values, mask=mask)
