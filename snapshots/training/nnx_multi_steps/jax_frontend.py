"""Gradient accumulation with nnx.Optimizer: MultiSteps over adamw whose weight decay is masked to the kernels
(every_k_schedule=2: the model changes every second step), a learning-rate schedule inside."""

import jax_frontend


class MLP(jax_frontend.nnx.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        self.fc1 = jax_frontend.nnx.Linear(din, dhidden, rngs=rngs)
        self.fc2 = jax_frontend.nnx.Linear(dhidden, dout, rngs=rngs)

    def __call__(self, x):
        return self.fc2(jax_frontend.nn.relu(self.fc1(x)))


def kernels(params):
    return jax_frontend.tree_util.tree_map(
        lambda p: jax_frontend.Array.ndim(p) > 1, params
    )


def make_optimizer(model):
    schedule = jax_frontend.optax.linear_schedule(1e-2, 1e-3, 4)
    tx = jax_frontend.optax.functional.MultiSteps(
        jax_frontend.optax.functional.adamw(schedule, weight_decay=0.1, mask=kernels),
        every_k_schedule=2,
    )
    return jax_frontend.nnx.functional.Optimizer(model, tx, wrt=jax_frontend.nnx.Param)


def loss_fn(model, x, y):
    return jax_frontend.numpy.mean((model(x) - y) ** 2)


@jax_frontend.jit
def train_step(model, optimizer, x, y):
    loss, grads = jax_frontend.nnx.value_and_grad(loss_fn)(model, x, y)
    optimizer.update(model, grads)
    return loss
