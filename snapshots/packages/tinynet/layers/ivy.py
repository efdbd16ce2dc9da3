"""Building blocks: a two-layer MLP and a pre-norm residual block."""

import ivy

from tinynet.utils import HIDDEN, rms_normalize


class Count(ivy.Variable):
    """How many times a module ran."""


class MLP(ivy.Module):
    def __init__(self, features: int, hidden: int = HIDDEN, *, rngs):
        self.up = ivy.Linear(features, hidden, rngs=rngs)
        self.down = ivy.Linear(hidden, features, rngs=rngs)

    def __call__(self, x):
        return self.down(ivy.gelu(self.up(x)))


class Residual(ivy.Module):
    """x + mlp(norm(x)), the norm followed by an RMS rescale."""

    def __init__(self, features: int, *, rngs):
        self.norm = ivy.LayerNorm(features, rngs=rngs)
        self.mlp = MLP(features, rngs=rngs)
        self.gate = ivy.Param(ivy.ones((features,), dtype=ivy.float32))

    def __call__(self, x):
        h = rms_normalize(self.norm(x))
        return x + self.gate.value * self.mlp(h)
