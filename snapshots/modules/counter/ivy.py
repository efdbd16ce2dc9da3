"""Custom nnx.Variables and an nnx.Intermediate mutated in __call__, and an nnx.Param drawn from rngs.params()."""

import ivy


class CallCount(ivy.Variable):
    pass


class ScaledLinear(ivy.Module):
    def __init__(self, din: int, dout: int, *, rngs):
        self.linear = ivy.Linear(din, dout, rngs=rngs)
        self.scale = ivy.Param(
            ivy.random_normal(rngs.params(), (dout,), dtype=ivy.float32)
        )
        self.offset = ivy.Param(ivy.zeros((dout,), dtype=ivy.float32))
        self.count = CallCount(ivy.asarray(0, dtype=ivy.int32))
        self.seen = CallCount(ivy.asarray(0, dtype=ivy.int32))
        self.last_batch = ivy.Intermediate(ivy.asarray(0, dtype=ivy.int32))

    def __call__(self, x):
        self.count.value += 1
        self.seen[...] += len(x)
        self.last_batch.value = ivy.asarray(len(x))
        # a warm-up factor from the int32 call count (int32 / int is float32 in JAX)
        warmup = ivy.minimum(self.count.value / 4, 1.0)
        return (self.linear(x) * self.scale.value + self.offset.value) * warmup
