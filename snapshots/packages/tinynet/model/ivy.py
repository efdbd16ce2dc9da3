"""The classifier: an embedding, residual blocks and an MLP head."""

import ivy

import tinynet.utils as U
from tinynet.layers import MLP

from . import utils
from .layers import Count, Residual


class GatedHead(MLP):
    """The MLP, its output gated by a sigmoid of itself."""

    def __call__(self, x):
        y = super().__call__(x)
        return y * ivy.sigmoid(y)


class TinyNet(ivy.Module):
    def __init__(self, features: int, depth: int, classes: int, *, rngs):
        self.embed = ivy.Linear(features, utils.HIDDEN, rngs=rngs)
        self.blocks = ivy.List(
            [Residual(utils.HIDDEN, rngs=rngs) for _ in range(depth)]
        )
        self.head = GatedHead(utils.HIDDEN, 2 * U.HIDDEN, rngs=rngs)
        self.out = ivy.Linear(utils.HIDDEN, classes, rngs=rngs)
        self.calls = Count(ivy.asarray(0, dtype=ivy.int32))

    def __call__(self, x):
        self.calls.value += 1
        h = self.embed(x)
        for block in self.blocks:
            h = block(h)
        return self.out(utils.softclip(self.head(h)))


def predict(model: TinyNet, x):
    """Class probabilities."""
    return ivy.softmax(model(x))


def confident(model: TinyNet, x, threshold: float = 0.5):
    """Which rows the model gives one class more than threshold."""
    return ivy.max(predict(model, x), axis=-1) > threshold
