"""Nested modules, nnx.Sequential (with a plain function) and nnx.List."""

import ivy


class Block(ivy.Module):
    def __init__(self, features: int, *, rngs):
        self.mlp = ivy.Sequential(
            ivy.Linear(features, 2 * features, rngs=rngs),
            ivy.relu,
            ivy.Linear(2 * features, features, rngs=rngs),
        )
        self.norm = ivy.LayerNorm(features, rngs=rngs)

    def __call__(self, x):
        return self.norm(x + self.mlp(x))


class Tower(ivy.Module):
    def __init__(self, din: int, features: int, depth: int, *, rngs):
        self.stem = ivy.Linear(din, features, rngs=rngs)
        self.blocks = ivy.List([Block(features, rngs=rngs) for _ in range(depth)])
        self.heads = ivy.List(
            [ivy.Linear(features, 1, rngs=rngs), ivy.Linear(features, 2, rngs=rngs)]
        )

    def __call__(self, x):
        h = self.stem(x)
        for block in self.blocks:
            h = block(h)
        return {"score": self.heads[0](h), "pair": ivy.tanh(self.heads[1](h))}
