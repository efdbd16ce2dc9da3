"""Classification and regression losses, as in a training step."""

import jax_frontend


def cross_entropy(logits, labels):
    log_probs = jax_frontend.nn.log_softmax(logits, axis=-1)
    one_hot = jax_frontend.nn.one_hot(labels, jax_frontend.Array.shape(logits)[-1])
    return -jax_frontend.numpy.mean(
        jax_frontend.numpy.sum(one_hot * log_probs, axis=-1)
    )


def mean_squared_error(predictions, targets):
    return jax_frontend.numpy.mean(jax_frontend.numpy.square(predictions - targets))


def huber(predictions, targets, delta=1.0):
    error = jax_frontend.numpy.abs(predictions - targets)
    quadratic = jax_frontend.numpy.minimum(error, delta)
    return jax_frontend.numpy.mean(0.5 * quadratic**2 + delta * (error - quadratic))


def accuracy(logits, labels):
    return jax_frontend.numpy.mean(
        jax_frontend.Array.astype(
            jax_frontend.numpy.argmax(logits, axis=-1) == labels,
            jax_frontend.numpy.float32,
        ),
    )
