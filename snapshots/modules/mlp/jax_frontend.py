"""A two-layer MLP classifier with LayerNorm and Dropout."""

import jax_frontend


class MLP(jax_frontend.nnx.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        self.fc1 = jax_frontend.nnx.Linear(din, dhidden, rngs=rngs)
        self.norm = jax_frontend.nnx.LayerNorm(dhidden, rngs=rngs)
        self.dropout = jax_frontend.nnx.Dropout(0.1, deterministic=True, rngs=rngs)
        self.fc2 = jax_frontend.nnx.Linear(dhidden, dout, rngs=rngs)

    def __call__(self, x):
        h = jax_frontend.nn.gelu(self.norm(self.fc1(x)))
        h = self.dropout(h)
        h = self.dropout(h, deterministic=True)
        return jax_frontend.nn.log_softmax(self.fc2(h), axis=-1)


def predict(model, x):
    return jax_frontend.numpy.argmax(model(x), axis=-1)
