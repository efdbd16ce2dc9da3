import tensorflow as tf

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
        expected = len(labels.shape) + (0 if self.threshold is not None else 1)
        if len(logits.shape) != expected:
            raise ValueError(
                f"expected logits.ndim == {expected}, got {len(logits.shape)} and {len(labels.shape)}"
            )
        if labels.dtype not in (tf.int32, tf.int64):
            raise ValueError(f"Expected labels.dtype==int32, got {labels.dtype}")
        labels = tf.cast(labels, tf.int32)
        if self.threshold is not None:
            values = (logits >= self.threshold) == (labels > 0)
        else:
            values = tf.argmax(logits, axis=-1, output_type=tf.int32) == labels
        super().update(values=values, mask=mask)
