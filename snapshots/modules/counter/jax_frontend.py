"""Custom nnx.Variables and an nnx.Intermediate mutated in __call__, and an nnx.Param drawn from rngs.params()."""

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
        self.last_batch = jax_frontend.nnx.Intermediate(jax_frontend.numpy.array(0))

    def __call__(self, x):
        self.count.value += 1
        self.seen[...] += len(x)
        self.last_batch.value = jax_frontend.numpy.array(len(x))
        # a warm-up factor from the int32 call count (int32 / int is float32 in JAX)
        warmup = jax_frontend.numpy.minimum(self.count.value / 4, 1.0)
        return (self.linear(x) * self.scale.value + self.offset.value) * warmup
