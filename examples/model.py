"""The README example: a JAX function and a small Flax NNX model."""

import jax
import jax.numpy as jnp
from flax import nnx


@jax.jit
def attention_scores(q, k):
    logits = jnp.einsum("qd,kd->qk", q, k) * q.shape[-1] ** -0.5
    return jax.nn.softmax(logits, axis=-1)


class MLP(nnx.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs: nnx.Rngs):
        self.linear1 = nnx.Linear(din, dhidden, rngs=rngs)
        self.norm = nnx.LayerNorm(dhidden, rngs=rngs)
        self.linear2 = nnx.Linear(dhidden, dout, rngs=rngs)

    def __call__(self, x):
        h = nnx.relu(self.norm(self.linear1(x)))
        return self.linear2(h)
