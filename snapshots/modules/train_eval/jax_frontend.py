"""Flax's model.eval() / model.train() in the source: eval() makes every Dropout
deterministic and every BatchNorm use its running averages, train() the reverse,
layers built with an explicit deterministic= / use_running_average= and a user
Module's own `deterministic` included; a call's own argument still wins."""

import jax_frontend


class Head(jax_frontend.nnx.Module):
    """A user Module holding Flax's mode attribute: eval() and train() set it too."""

    def __init__(self, features: int, classes: int, *, rngs):
        self.linear = jax_frontend.nnx.Linear(features, classes, rngs=rngs)
        self.deterministic = True

    def __call__(self, x):
        y = self.linear(x)
        return y if self.deterministic else y + 1.0


class Classifier(jax_frontend.nnx.Module):
    def __init__(self, features: int, hidden: int, classes: int, *, rngs):
        self.linear = jax_frontend.nnx.Linear(
            features, hidden, use_bias=False, rngs=rngs
        )
        self.norm = jax_frontend.nnx.BatchNorm(hidden, momentum=0.9, rngs=rngs)
        self.frozen = jax_frontend.nnx.BatchNorm(
            hidden, use_running_average=True, rngs=rngs
        )
        self.dropout = jax_frontend.nnx.Dropout(0.5, deterministic=True, rngs=rngs)
        self.head = Head(hidden, classes, rngs=rngs)

    def __call__(self, x, deterministic=None):
        h = jax_frontend.nn.relu(self.norm(self.linear(x)))
        return self.head(self.dropout(self.frozen(h), deterministic=deterministic))


def predict(model, x):
    jax_frontend.nnx.Module.eval(model)
    return model(x)


def train_forward(model, x):
    """Training mode with this call's dropout off: batch statistics in both BatchNorms."""
    jax_frontend.nnx.Module.train(model)
    return model(x, deterministic=True)


def dropout_range(model: Classifier, x):
    """After train(), the Dropout built deterministic drops ones to 0 or 2; after eval(),
    it keeps them, unless the call says deterministic=False."""
    jax_frontend.nnx.Module.train(model)
    dropped = model.dropout(jax_frontend.numpy.ones_like(x))
    jax_frontend.nnx.Module.eval(model)
    kept = model.dropout(jax_frontend.numpy.ones_like(x))
    forced = model.dropout(jax_frontend.numpy.ones_like(x), deterministic=False)
    return (
        jax_frontend.numpy.min(dropped),
        jax_frontend.numpy.max(dropped),
        kept,
        jax_frontend.numpy.min(forced),
        jax_frontend.numpy.max(forced),
    )


def predict_after_training(model, x):
    jax_frontend.nnx.Module.train(model)
    model(x, deterministic=True)
    jax_frontend.nnx.Module.eval(model)
    return model(x)
