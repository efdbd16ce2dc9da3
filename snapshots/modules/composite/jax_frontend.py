"""Nested modules, nnx.Sequential (with a plain function) and nnx.List."""

import jax_frontend


class Block(jax_frontend.nnx.Module):
    def __init__(self, features: int, *, rngs):
        self.mlp = jax_frontend.nnx.Sequential(
            jax_frontend.nnx.Linear(features, 2 * features, rngs=rngs),
            jax_frontend.nn.relu,
            jax_frontend.nnx.Linear(2 * features, features, rngs=rngs),
        )
        self.norm = jax_frontend.nnx.LayerNorm(features, rngs=rngs)

    def __call__(self, x):
        return self.norm(x + self.mlp(x))


class Tower(jax_frontend.nnx.Module):
    def __init__(self, din: int, features: int, depth: int, *, rngs):
        self.stem = jax_frontend.nnx.Linear(din, features, rngs=rngs)
        self.blocks = jax_frontend.nnx.List(
            [Block(features, rngs=rngs) for _ in range(depth)]
        )
        self.heads = jax_frontend.nnx.List(
            [
                jax_frontend.nnx.Linear(features, 1, rngs=rngs),
                jax_frontend.nnx.Linear(features, 2, rngs=rngs),
            ],
        )

    def __call__(self, x):
        h = self.stem(x)
        for block in self.blocks:
            h = block(h)
        return {
            "score": self.heads[0](h),
            "pair": jax_frontend.numpy.tanh(self.heads[1](h)),
        }
