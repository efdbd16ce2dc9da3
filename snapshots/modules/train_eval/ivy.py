"""Flax's model.eval() / model.train() in the source: eval() makes every Dropout
deterministic and every BatchNorm use its running averages, train() the reverse,
layers built with an explicit deterministic= / use_running_average= and a user
Module's own `deterministic` included; a call's own argument still wins."""

import ivy


class Head(ivy.Module):
    """A user Module holding Flax's mode attribute: eval() and train() set it too."""

    def __init__(self, features: int, classes: int, *, rngs):
        self.linear = ivy.Linear(features, classes, rngs=rngs)
        self.deterministic = True

    def __call__(self, x):
        y = self.linear(x)
        return y if self.deterministic else y + 1.0


class Classifier(ivy.Module):
    def __init__(self, features: int, hidden: int, classes: int, *, rngs):
        self.linear = ivy.Linear(features, hidden, use_bias=False, rngs=rngs)
        self.norm = ivy.BatchNorm(hidden, momentum=0.9, rngs=rngs)
        self.frozen = ivy.BatchNorm(hidden, use_running_average=True, rngs=rngs)
        self.dropout = ivy.Dropout(0.5, deterministic=True, rngs=rngs)
        self.head = Head(hidden, classes, rngs=rngs)

    def __call__(self, x, deterministic=None):
        h = ivy.relu(self.norm(self.linear(x)))
        return self.head(self.dropout(self.frozen(h), deterministic=deterministic))


def predict(model, x):
    ivy.nnx_set_mode(model, training=False)
    return model(x)


def train_forward(model, x):
    """Training mode with this call's dropout off: batch statistics in both BatchNorms."""
    ivy.nnx_set_mode(model, training=True)
    return model(x, deterministic=True)


def dropout_range(model: Classifier, x):
    """After train(), the Dropout built deterministic drops ones to 0 or 2; after eval(),
    it keeps them, unless the call says deterministic=False."""
    ivy.nnx_set_mode(model, training=True)
    dropped = model.dropout(ivy.ones_like(x))
    ivy.nnx_set_mode(model, training=False)
    kept = model.dropout(ivy.ones_like(x))
    forced = model.dropout(ivy.ones_like(x), deterministic=False)
    return ivy.min(dropped), ivy.max(dropped), kept, ivy.min(forced), ivy.max(forced)


def predict_after_training(model, x):
    ivy.nnx_set_mode(model, training=True)
    model(x, deterministic=True)
    ivy.nnx_set_mode(model, training=False)
    return model(x)
