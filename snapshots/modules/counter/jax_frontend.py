"""Custom nnx.Variables mutated in __call__, and an nnx.Param drawn from rngs.params()."""

import jax_frontend


class CallCount(jax_frontend.nnx.Variable):
    pass


class ScaledLinear(jax_frontend.nnx.Module):
    def __init__(self, din: int, dout: int, *, rngs):
        self.linear = jax_frontend.nnx.Linear(din, dout, rngs=rngs)
        self.scale = jax_frontend.nnx.Param(
            jax_frontend.random.normal(rngs.params(), (dout,))
        )
        self.offset = jax_frontend.nnx.Param(jax_frontend.numpy.zeros((dout,)))
        self.count = CallCount(jax_frontend.numpy.array(0))
        self.seen = CallCount(jax_frontend.numpy.array(0))

    def __call__(self, x):
        self.count.value += 1
        self.seen[...] += len(x)
        return self.linear(x) * self.scale.value + self.offset.value
