"""A two-layer MLP classifier with LayerNorm and Dropout."""

import ivy


class MLP(ivy.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        self.fc1 = ivy.Linear(din, dhidden, use_bias=True, rngs=rngs)
        self.norm = ivy.LayerNorm(
            dhidden, epsilon=1e-06, use_bias=True, use_scale=True, rngs=rngs
        )
        self.dropout = ivy.Dropout(0.1, deterministic=True, rngs=rngs)
        self.fc2 = ivy.Linear(dhidden, dout, use_bias=True, rngs=rngs)

    def __call__(self, x):
        h = ivy.gelu(self.norm(self.fc1(x)), approximate=True)
        h = self.dropout(h)
        h = self.dropout(h, deterministic=True)
        return ivy.log_softmax(self.fc2(h), axis=-1)


def predict(model, x):
    return ivy.argmax(model(x), axis=-1)
