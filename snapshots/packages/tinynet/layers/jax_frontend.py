"""Building blocks: a two-layer MLP and a pre-norm residual block."""

import jax_frontend

from tinynet.utils import HIDDEN, rms_normalize


class Count(jax_frontend.nnx.Variable):
    """How many times a module ran."""


class MLP(jax_frontend.nnx.Module):
    def __init__(self, features: int, hidden: int = HIDDEN, *, rngs):
        self.up = jax_frontend.nnx.Linear(features, hidden, rngs=rngs)
        self.down = jax_frontend.nnx.Linear(hidden, features, rngs=rngs)

    def __call__(self, x):
        return self.down(jax_frontend.nn.gelu(self.up(x)))


class Residual(jax_frontend.nnx.Module):
    """x + mlp(norm(x)), the norm followed by an RMS rescale."""

    def __init__(self, features: int, *, rngs):
        self.norm = jax_frontend.nnx.LayerNorm(features, rngs=rngs)
        self.mlp = MLP(features, rngs=rngs)
        self.gate = jax_frontend.nnx.Param(jax_frontend.numpy.ones((features,)))

    def __call__(self, x):
        h = rms_normalize(self.norm(x))
        return x + self.gate.value * self.mlp(h)
