"""nnx.metrics on their own and in a MultiMetric: Flax's formulas (NaN before any
update, a number counts once, a mask keeps what it marks, Accuracy's argmax over
the last axis or its threshold, Welford's running mean and population variance)."""

import jax_frontend


def average(values, more):
    metric = jax_frontend.nnx.metrics.Average("loss")
    before = metric.compute()
    metric.update(loss=values)
    metric.update(loss=2.5)
    metric.update(loss=more, mask=more > 0)
    return before, metric.compute()


def accuracy(logits, labels):
    metric = jax_frontend.nnx.metrics.Accuracy()
    metric.update(logits=logits, labels=labels)
    first = metric.compute()
    metric.update(logits=logits[:2], labels=labels[:2] * 0, mask=labels[:2] > 1)
    return first, metric.compute()


def binary_accuracy(scores, labels):
    metric = jax_frontend.nnx.metrics.Accuracy(threshold=0.5)
    metric.update(logits=scores, labels=labels)
    return metric.compute()


def welford(values, more):
    metric = jax_frontend.nnx.metrics.Welford()
    metric.update(values=values)
    metric.update(values=1.5)
    metric.update(values=more)
    stats = metric.compute()
    return stats.mean, stats.standard_error_of_mean, stats.standard_deviation


def multi_metric(logits, labels, loss):
    metrics = jax_frontend.nnx.metrics.MultiMetric(
        {
            "accuracy": jax_frontend.nnx.metrics.Accuracy(),
            "loss": jax_frontend.nnx.metrics.Average("loss"),
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
