"""A two-layer MLP classifier with LayerNorm and Dropout."""

import ivy


class MLP(ivy.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        self.fc1 = ivy.Linear(din, dhidden, rngs=rngs)
        self.norm = ivy.LayerNorm(dhidden, rngs=rngs)
        self.dropout = ivy.Dropout(0.1, deterministic=True, rngs=rngs)
        self.fc2 = ivy.Linear(dhidden, dout, rngs=rngs)

    def __call__(self, x):
        h = ivy.gelu(self.norm(self.fc1(x)))
        h = self.dropout(h)
        h = self.dropout(h, deterministic=True)
        return ivy.log_softmax(self.fc2(h))


def predict(model, x):
    return ivy.argmax(model(x), axis=-1)
