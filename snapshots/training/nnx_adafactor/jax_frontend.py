"""An MLP trained by nnx.Optimizer over optax.adafactor with factored second moments (min_dim_size_to_factor=3, so
both kernels are factored; torch's Linear weights are transposed, which gives the same updates) and momentum."""

import jax_frontend


class MLP(jax_frontend.nnx.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        self.fc1 = jax_frontend.nnx.Linear(din, dhidden, rngs=rngs)
        self.fc2 = jax_frontend.nnx.Linear(dhidden, dout, rngs=rngs)

    def __call__(self, x):
        return self.fc2(jax_frontend.numpy.tanh(self.fc1(x)))


def make_optimizer(model):
    tx = jax_frontend.optax.functional.adafactor(
        0.05, min_dim_size_to_factor=3, momentum=0.9, weight_decay_rate=0.01
    )
    return jax_frontend.nnx.functional.Optimizer(model, tx, wrt=jax_frontend.nnx.Param)


def loss_fn(model, x, y):
    return jax_frontend.numpy.mean((model(x) - y) ** 2)


@jax_frontend.jit
def train_step(model, optimizer, x, y):
    loss, grads = jax_frontend.nnx.value_and_grad(loss_fn)(model, x, y)
    optimizer.update(model, grads)
    return loss
