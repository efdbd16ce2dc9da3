"""nnx.metrics on their own and in a MultiMetric: Flax's formulas (NaN before any
update, a number counts once, a mask keeps what it marks, Accuracy's argmax over
the last axis or its threshold, Welford's running mean and population variance)."""

from typing import Any, NamedTuple

import tensorflow as tf


class Average:
    """nnx.metrics.Average: the mean of every value given as update(<argname>=values)
    (a number counts once, an array once per element, a mask keeps those it marks);
    NaN before any. The total is float32 and the count int32, as in Flax."""

    def __init__(self, argname="values"):
        self.argname = argname
        self.reset()

    def reset(self):
        self.total = tf.constant(0.0)
        self.count = tf.constant(0, dtype=tf.int32)

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
        values = tf.convert_to_tensor(values)
        if mask is not None:
            # as Flax's values * mask.astype(values.dtype), then mask.sum() as int32
            values = values * tf.cast(mask, values.dtype)
            count = tf.cast(tf.reduce_sum(tf.cast(mask, tf.float32)), tf.int32)
        else:
            count = tf.size(values, out_type=tf.int32)
        if values.dtype == tf.bool:
            values = tf.cast(values, tf.int32)
        self.total = self.total + tf.cast(tf.reduce_sum(values), tf.float32)
        self.count = self.count + count

    def compute(self):
        return self.total / tf.cast(self.count, tf.float32)


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
                f"expected logits.ndim == {expected}, got {len(logits.shape)} and {len(labels.shape)}",
            )
        if labels.dtype not in (tf.int32, tf.int64):
            raise ValueError(f"Expected labels.dtype==int32, got {labels.dtype}")
        labels = tf.cast(labels, tf.int32)
        if self.threshold is not None:
            values = (logits >= self.threshold) == (labels > 0)
        else:
            values = tf.argmax(logits, axis=-1, output_type=tf.int32) == labels
        super().update(values=values, mask=mask)


class MultiMetric:
    """nnx.MultiMetric: metrics by name, updated, computed and reset together. update
    passes every keyword to every metric; mask may be one array or a dict by name."""

    def __init__(self, **metrics):
        self._metric_names = tuple(metrics)
        for name, metric in metrics.items():
            setattr(self, name, metric)

    def reset(self):
        for name in self._metric_names:
            getattr(self, name).reset()

    def update(self, **updates):
        mask = updates.pop("mask", None)
        for name in self._metric_names:
            own = mask.get(name) if isinstance(mask, dict) else mask
            masked = {} if own is None else {"mask": own}
            getattr(self, name).update(**updates, **masked)

    def compute(self):
        return {name: getattr(self, name).compute() for name in self._metric_names}


class Statistics(NamedTuple):
    """nnx.metrics.Statistics, what Welford.compute gives."""

    mean: Any
    standard_error_of_mean: Any
    standard_deviation: Any


class Welford:
    """nnx.metrics.Welford: the running mean and (population) variance of every value
    given as update(<argname>=values), by Welford's algorithm, as Flax's."""

    def __init__(self, argname="values"):
        self.argname = argname
        self.reset()

    def reset(self):
        self.count = tf.constant(0, dtype=tf.int32)
        self.mean = tf.constant(0.0)
        self.m2 = tf.constant(0.0)

    def update(self, **kwargs):
        if self.argname not in kwargs:
            raise TypeError(f"Expected keyword argument '{self.argname}'")
        values = kwargs[self.argname]
        number = isinstance(values, (int, float))
        if not number:
            values = tf.cast(values, tf.float32)
        count = 1 if number else int(tf.size(values))
        original_count = tf.cast(self.count, tf.float32)
        self.count = self.count + count
        total = tf.cast(self.count, tf.float32)
        delta = (values if number else tf.reduce_mean(values)) - self.mean
        self.mean = self.mean + delta * count / total
        m2 = 0.0 if number else tf.math.reduce_variance(values) * count
        self.m2 = self.m2 + m2 + delta * delta * count * original_count / total

    def compute(self):
        count = tf.cast(self.count, tf.float32)
        standard_deviation = (self.m2 / count) ** 0.5
        return Statistics(
            mean=self.mean,
            standard_error_of_mean=standard_deviation / count**0.5,
            standard_deviation=standard_deviation,
        )


def average(values, more):
    metric = Average("loss")
    before = metric.compute()
    metric.update(loss=values)
    metric.update(loss=2.5)
    metric.update(loss=more, mask=more > 0)
    return before, metric.compute()


def accuracy(logits, labels):
    metric = Accuracy()
    metric.update(logits=logits, labels=labels)
    first = metric.compute()
    metric.update(logits=logits[:2], labels=labels[:2] * 0, mask=labels[:2] > 1)
    return first, metric.compute()


def binary_accuracy(scores, labels):
    metric = Accuracy(threshold=0.5)
    metric.update(logits=scores, labels=labels)
    return metric.compute()


def welford(values, more):
    metric = Welford()
    metric.update(values=values)
    metric.update(values=1.5)
    metric.update(values=more)
    stats = metric.compute()
    return stats.mean, stats.standard_error_of_mean, stats.standard_deviation


def multi_metric(logits, labels, loss):
    metrics = MultiMetric(accuracy=Accuracy(), loss=Average("loss"))
    metrics.update(loss=loss, logits=logits, labels=labels)
    first = metrics.compute()
    metrics.reset()
    after_reset = metrics.compute()
    metrics.update(
        loss=loss * 2.0, logits=logits, labels=labels, mask={"accuracy": labels > 0}
    )
    return first, after_reset, metrics.compute()
