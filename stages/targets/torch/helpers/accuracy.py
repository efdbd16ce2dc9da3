import torch

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
        expected = labels.ndim + (0 if self.threshold is not None else 1)
        if logits.ndim != expected:
            raise ValueError(
                f"expected logits.ndim == {expected}, got {logits.ndim} and {labels.ndim}"
            )
        if labels.dtype not in (torch.int32, torch.int64):
            raise ValueError(f"Expected labels.dtype==int32, got {labels.dtype}")
        if self.threshold is not None:
            values = (logits >= self.threshold) == (labels > 0)
        else:
            values = torch.argmax(logits, dim=-1) == labels
        super().update(values=values, mask=mask)
