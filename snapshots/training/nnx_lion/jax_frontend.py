"""An MLP trained by nnx.Optimizer over chain(clip_by_global_norm, lion): no torch.optim or Keras class computes
Lion as optax does, so the optimizer steps the model with optax's update."""

import jax_frontend


class MLP(jax_frontend.nnx.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        self.fc1 = jax_frontend.nnx.Linear(din, dhidden, rngs=rngs)
        self.fc2 = jax_frontend.nnx.Linear(dhidden, dout, rngs=rngs)

    def __call__(self, x):
        return self.fc2(jax_frontend.nn.gelu(self.fc1(x)))


def make_optimizer(model):
    tx = jax_frontend.optax.functional.chain(
        jax_frontend.optax.functional.clip_by_global_norm(1.0),
        jax_frontend.optax.functional.lion(1e-2, b1=0.8, weight_decay=0.01),
    )
    return jax_frontend.nnx.functional.Optimizer(model, tx, wrt=jax_frontend.nnx.Param)


def loss_fn(model, x, y):
    return jax_frontend.numpy.mean((model(x) - y) ** 2)


@jax_frontend.jit
def train_step(model, optimizer, x, y):
    loss, grads = jax_frontend.nnx.value_and_grad(loss_fn)(model, x, y)
    optimizer.update(model, grads)
    return loss
