"""Classification and regression losses, as in a training step."""

import ivy


def cross_entropy(logits, labels):
    log_probs = ivy.log_softmax(logits)
    one_hot = ivy.one_hot(labels, ivy.shape(logits)[-1], dtype=ivy.float32)
    return -ivy.mean(ivy.sum(one_hot * log_probs, axis=-1))


def mean_squared_error(predictions, targets):
    return ivy.mean(ivy.square(predictions - targets))


def huber(predictions, targets, delta=1.0):
    error = ivy.abs(predictions - targets)
    quadratic = ivy.minimum(error, delta)
    return ivy.mean(0.5 * quadratic**2 + delta * (error - quadratic))


def accuracy(logits, labels):
    return ivy.mean(ivy.astype(ivy.argmax(logits, axis=-1) == labels, ivy.float32))
