"""Gradient accumulation with nnx.Optimizer: MultiSteps over adamw whose weight decay is masked to the kernels
(every_k_schedule=2: the model changes every second step), a learning-rate schedule inside."""

import ivy


class MLP(ivy.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        self.fc1 = ivy.Linear(din, dhidden, rngs=rngs)
        self.fc2 = ivy.Linear(dhidden, dout, rngs=rngs)

    def __call__(self, x):
        return self.fc2(ivy.relu(self.fc1(x)))


def kernels(params):
    return ivy.tree_map(lambda p: ivy.ndim(p) > 1, params)


def make_optimizer(model):
    schedule = ivy.polynomial_schedule(1e-2, 1e-3, 1, 4)
    tx = ivy.tx_multi_steps(
        ivy.tx_adamw(schedule, 0.9, 0.999, 1e-08, 0.0, None, 0.1, kernels, False),
        2,
        True,
    )
    return ivy.nnx_transform_optimizer(model, tx)


def loss_fn(model, x, y):
    return ivy.mean((model(x) - y) ** 2)


def train_step(model, optimizer, x, y):
    loss, grads = ivy.nnx_value_and_grad(loss_fn)(model, x, y)
    optimizer.update(model, grads)
    return loss
