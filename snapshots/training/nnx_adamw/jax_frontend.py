"""An MLP regressor trained with nnx.Optimizer(adamw) and an nnx.jit train step."""

import jax_frontend


class MLP(jax_frontend.nnx.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        self.fc1 = jax_frontend.nnx.Linear(din, dhidden, rngs=rngs)
        self.fc2 = jax_frontend.nnx.Linear(dhidden, dout, rngs=rngs)

    def __call__(self, x):
        return self.fc2(jax_frontend.nn.relu(self.fc1(x)))


def make_optimizer(model):
    tx = jax_frontend.optax.adamw(1e-2, b1=0.8, weight_decay=0.05)
    return jax_frontend.nnx.Optimizer(model, tx, wrt=jax_frontend.nnx.Param)


def loss_fn(model, x, y):
    return jax_frontend.numpy.mean((model(x) - y) ** 2)


@jax_frontend.jit(donate_argnames=("model", "optimizer"))
def train_step(model, optimizer, x, y):
    loss, grads = jax_frontend.nnx.value_and_grad(loss_fn)(model, x, y)
    optimizer.update(model, grads)
    return loss


@jax_frontend.jit
def eval_step(model, x, y):
    return loss_fn(model, x, y)
