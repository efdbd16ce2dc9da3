"""An MLP trained by nnx.Optimizer over chain(clip_by_global_norm, lion): no torch.optim or Keras class computes
Lion as optax does, so the optimizer steps the model with optax's update."""

import ivy


class MLP(ivy.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        self.fc1 = ivy.Linear(din, dhidden, rngs=rngs)
        self.fc2 = ivy.Linear(dhidden, dout, rngs=rngs)

    def __call__(self, x):
        return self.fc2(ivy.gelu(self.fc1(x)))


def make_optimizer(model):
    tx = ivy.tx_chain(
        ivy.tx_clip_by_global_norm(1.0), ivy.tx_lion(1e-2, 0.8, 0.99, None, 0.01, None)
    )
    return ivy.nnx_transform_optimizer(model, tx)


def loss_fn(model, x, y):
    return ivy.mean((model(x) - y) ** 2)


def train_step(model, optimizer, x, y):
    loss, grads = ivy.nnx_value_and_grad(loss_fn)(model, x, y)
    optimizer.update(model, grads)
    return loss
