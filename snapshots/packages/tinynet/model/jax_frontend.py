"""The classifier: an embedding, residual blocks and an MLP head."""

import jax_frontend

import tinynet.utils as U
from tinynet.layers import MLP

from . import utils
from .layers import Count, Residual


class GatedHead(MLP):
    """The MLP, its output gated by a sigmoid of itself."""

    def __call__(self, x):
        y = super().__call__(x)
        return y * jax_frontend.nn.sigmoid(y)


class TinyNet(jax_frontend.nnx.Module):
    def __init__(self, features: int, depth: int, classes: int, *, rngs):
        self.embed = jax_frontend.nnx.Linear(features, utils.HIDDEN, rngs=rngs)
        self.blocks = jax_frontend.nnx.List(
            [Residual(utils.HIDDEN, rngs=rngs) for _ in range(depth)]
        )
        self.head = GatedHead(utils.HIDDEN, 2 * U.HIDDEN, rngs=rngs)
        self.out = jax_frontend.nnx.Linear(utils.HIDDEN, classes, rngs=rngs)
        self.calls = Count(jax_frontend.numpy.array(0))

    def __call__(self, x):
        self.calls.value += 1
        h = self.embed(x)
        for block in self.blocks:
            h = block(h)
        return self.out(utils.softclip(self.head(h)))


def predict(model: TinyNet, x):
    """Class probabilities."""
    return jax_frontend.nn.softmax(model(x), axis=-1)


def confident(model: TinyNet, x, threshold: float = 0.5):
    """Which rows the model gives one class more than threshold."""
    return jax_frontend.numpy.max(predict(model, x), axis=-1) > threshold
