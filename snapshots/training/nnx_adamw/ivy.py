"""An MLP regressor trained with nnx.Optimizer(adamw) and an nnx.jit train step."""

import ivy


class MLP(ivy.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        self.fc1 = ivy.Linear(din, dhidden, rngs=rngs)
        self.fc2 = ivy.Linear(dhidden, dout, rngs=rngs)

    def __call__(self, x):
        return self.fc2(ivy.relu(self.fc1(x)))


def make_optimizer(model):
    tx = ivy.adamw(1e-2, 0.8, 0.999, 1e-08, 0.05)
    return ivy.nnx_optimizer(model, tx)


def loss_fn(model, x, y):
    return ivy.mean((model(x) - y) ** 2)


def train_step(model, optimizer, x, y):
    loss, grads = ivy.nnx_value_and_grad(loss_fn)(model, x, y)
    optimizer.update(model, grads)
    return loss


def eval_step(model, x, y):
    return loss_fn(model, x, y)
