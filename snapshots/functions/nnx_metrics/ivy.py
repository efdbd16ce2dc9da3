"""nnx.metrics on their own and in a MultiMetric: Flax's formulas (NaN before any
update, a number counts once, a mask keeps what it marks, Accuracy's argmax over
the last axis or its threshold, Welford's running mean and population variance)."""

import ivy


def average(values, more):
    metric = ivy.metric_average("loss")
    before = metric.compute()
    metric.update(loss=values)
    metric.update(loss=2.5)
    metric.update(loss=more, mask=more > 0)
    return before, metric.compute()


def accuracy(logits, labels):
    metric = ivy.metric_accuracy(None, "values")
    metric.update(logits=logits, labels=labels)
    first = metric.compute()
    metric.update(logits=logits[:2], labels=labels[:2] * 0, mask=labels[:2] > 1)
    return first, metric.compute()


def binary_accuracy(scores, labels):
    metric = ivy.metric_accuracy(0.5, "values")
    metric.update(logits=scores, labels=labels)
    return metric.compute()


def welford(values, more):
    metric = ivy.metric_welford("values")
    metric.update(values=values)
    metric.update(values=1.5)
    metric.update(values=more)
    stats = metric.compute()
    return stats.mean, stats.standard_error_of_mean, stats.standard_deviation


def multi_metric(logits, labels, loss):
    metrics = ivy.multi_metric(
        {
            "accuracy": ivy.metric_accuracy(None, "values"),
            "loss": ivy.metric_average("loss"),
        },
    )
    metrics.update(loss=loss, logits=logits, labels=labels)
    first = metrics.compute()
    metrics.reset()
    after_reset = metrics.compute()
    metrics.update(
        loss=loss * 2.0, logits=logits, labels=labels, mask={"accuracy": labels > 0}
    )
    return first, after_reset, metrics.compute()
