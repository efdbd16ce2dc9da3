"""A CNN classifier: gradients clipped by their global norm, then SGD with
Nesterov momentum on an exponentially decaying learning rate; cross-entropy,
and the logits as aux for the accuracy."""

import jax_frontend


class CNN(jax_frontend.nnx.Module):
    def __init__(self, *, rngs):
        self.conv = jax_frontend.nnx.Conv(1, 4, kernel_size=(3, 3), rngs=rngs)
        self.linear = jax_frontend.nnx.Linear(4 * 4 * 4, 10, rngs=rngs)

    def __call__(self, x):
        x = jax_frontend.nn.relu(self.conv(x))
        x = jax_frontend.nnx.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
        return self.linear(
            jax_frontend.Array.reshape(x, jax_frontend.Array.shape(x)[0], -1)
        )


def make_optimizer(model):
    schedule = jax_frontend.optax.exponential_decay(
        0.1, transition_steps=2, decay_rate=0.5
    )
    tx = jax_frontend.optax.chain(
        jax_frontend.optax.clip_by_global_norm(0.5),
        jax_frontend.optax.sgd(schedule, momentum=0.9, nesterov=True),
    )
    return jax_frontend.nnx.Optimizer(model, tx, wrt=jax_frontend.nnx.Param)


def loss_fn(model, images, labels):
    logits = model(images)
    loss = jax_frontend.Array.mean(
        jax_frontend.optax.softmax_cross_entropy_with_integer_labels(logits, labels)
    )
    return loss, logits


@jax_frontend.jit
def train_step(model, optimizer, images, labels):
    grad_fn = jax_frontend.nnx.value_and_grad(loss_fn, has_aux=True)
    (loss, logits), grads = grad_fn(model, images, labels)
    optimizer.update(model, grads)
    accuracy = jax_frontend.numpy.mean(
        jax_frontend.numpy.argmax(logits, axis=-1) == labels
    )
    return loss, accuracy
