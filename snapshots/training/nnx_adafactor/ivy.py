"""An MLP trained by nnx.Optimizer over optax.adafactor with factored second moments (min_dim_size_to_factor=3, so
both kernels are factored; torch's Linear weights are transposed, which gives the same updates) and momentum."""

import ivy


class MLP(ivy.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        self.fc1 = ivy.Linear(din, dhidden, rngs=rngs)
        self.fc2 = ivy.Linear(dhidden, dout, rngs=rngs)

    def __call__(self, x):
        return self.fc2(ivy.tanh(self.fc1(x)))


def make_optimizer(model):
    tx = ivy.tx_adafactor(0.05, 3, 0.8, 0, True, 1.0, 0.9, 0.01, 1e-30, True, None)
    return ivy.nnx_transform_optimizer(model, tx)


def loss_fn(model, x, y):
    return ivy.mean((model(x) - y) ** 2)


def train_step(model, optimizer, x, y):
    loss, grads = ivy.nnx_value_and_grad(loss_fn)(model, x, y)
    optimizer.update(model, grads)
    return loss
