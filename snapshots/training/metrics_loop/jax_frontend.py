"""A train/eval loop as the Flax MNIST tutorial writes it: nnx.MultiMetric of the
loss's Average and the Accuracy, updated by each train and eval step, computed
into a history after each phase and reset; model.train() before training and
model.eval() before evaluating (BatchNorm's batch statistics, then its running
averages). The layer before the BatchNorm has no bias: its gradient would be
rounding noise, which Adam scales to full steps. Parameter counts and norms as users
write them over nnx.state."""

import jax_frontend


class MLP(jax_frontend.nnx.Module):
    def __init__(self, din: int, hidden: int, classes: int, *, rngs):
        self.linear = jax_frontend.nnx.Linear(din, hidden, use_bias=False, rngs=rngs)
        self.norm = jax_frontend.nnx.BatchNorm(hidden, momentum=0.5, rngs=rngs)
        self.head = jax_frontend.nnx.Linear(hidden, classes, rngs=rngs)

    def __call__(self, x):
        return self.head(jax_frontend.nn.relu(self.norm(self.linear(x))))


def make_optimizer(model):
    return jax_frontend.nnx.Optimizer(
        model, jax_frontend.optax.adam(0.01), wrt=jax_frontend.nnx.Param
    )


def make_metrics():
    return jax_frontend.nnx.metrics.MultiMetric(
        {
            "accuracy": jax_frontend.nnx.metrics.Accuracy(),
            "loss": jax_frontend.nnx.metrics.Average("loss"),
        },
    )


def loss_fn(model, images, labels):
    logits = model(images)
    loss = jax_frontend.Array.mean(
        jax_frontend.optax.softmax_cross_entropy_with_integer_labels(logits, labels)
    )
    return loss, logits


@jax_frontend.jit
def train_step(model, optimizer, metrics, images, labels):
    grad_fn = jax_frontend.nnx.value_and_grad(loss_fn, has_aux=True)
    (loss, logits), grads = grad_fn(model, images, labels)
    metrics.update(loss=loss, logits=logits, labels=labels)
    optimizer.update(model, grads)


@jax_frontend.jit
def eval_step(model, metrics, images, labels):
    loss, logits = loss_fn(model, images, labels)
    metrics.update(loss=loss, logits=logits, labels=labels)


def train_and_evaluate(model, optimizer, metrics, train_batches, test_batches, history):
    jax_frontend.nnx.Module.train(model)
    for images, labels in train_batches:
        train_step(model, optimizer, metrics, images, labels)
    for metric, value in metrics.compute().items():
        history["train_" + metric].append(value)
    metrics.reset()
    jax_frontend.nnx.Module.eval(model)
    for images, labels in test_batches:
        eval_step(model, metrics, images, labels)
    for metric, value in metrics.compute().items():
        history["test_" + metric].append(value)
    metrics.reset()
    return history


def count_params(model):
    params = jax_frontend.nnx.state(model, jax_frontend.nnx.Param)
    return sum(
        jax_frontend.Array.size(x) for x in jax_frontend.tree_util.tree_leaves(params)
    )


def count_state(model):
    return sum(
        jax_frontend.Array.size(x)
        for x in jax_frontend.tree_util.tree_leaves(jax_frontend.nnx.state(model))
    )


def squared_norm(model):
    params = jax_frontend.nnx.state(model, jax_frontend.nnx.Param)
    return sum(
        jax_frontend.numpy.sum(p**2) for p in jax_frontend.tree_util.tree_leaves(params)
    )
