"""A train/eval loop as the Flax MNIST tutorial writes it: nnx.MultiMetric of the
loss's Average and the Accuracy, updated by each train and eval step, computed
into a history after each phase and reset; model.train() before training and
model.eval() before evaluating (BatchNorm's batch statistics, then its running
averages). The layer before the BatchNorm has no bias: its gradient would be
rounding noise, which Adam scales to full steps. Parameter counts and norms as users
write them over nnx.state."""

import ivy


class MLP(ivy.Module):
    def __init__(self, din: int, hidden: int, classes: int, *, rngs):
        self.linear = ivy.Linear(din, hidden, use_bias=False, rngs=rngs)
        self.norm = ivy.BatchNorm(hidden, momentum=0.5, rngs=rngs)
        self.head = ivy.Linear(hidden, classes, rngs=rngs)

    def __call__(self, x):
        return self.head(ivy.relu(self.norm(self.linear(x))))


def make_optimizer(model):
    return ivy.nnx_optimizer(model, ivy.adam(0.01, 0.9, 0.999, 1e-08))


def make_metrics():
    return ivy.multi_metric(
        {
            "accuracy": ivy.metric_accuracy(None, "values"),
            "loss": ivy.metric_average("loss"),
        },
    )


def loss_fn(model, images, labels):
    logits = model(images)
    loss = ivy.mean(ivy.softmax_cross_entropy_with_integer_labels(logits, labels))
    return loss, logits


def train_step(model, optimizer, metrics, images, labels):
    grad_fn = ivy.nnx_value_and_grad(loss_fn, has_aux=True)
    (loss, logits), grads = grad_fn(model, images, labels)
    metrics.update(loss=loss, logits=logits, labels=labels)
    optimizer.update(model, grads)


def eval_step(model, metrics, images, labels):
    loss, logits = loss_fn(model, images, labels)
    metrics.update(loss=loss, logits=logits, labels=labels)


def train_and_evaluate(model, optimizer, metrics, train_batches, test_batches, history):
    ivy.nnx_set_mode(model, training=True)
    for images, labels in train_batches:
        train_step(model, optimizer, metrics, images, labels)
    for metric, value in metrics.compute().items():
        history["train_" + metric].append(value)
    metrics.reset()
    ivy.nnx_set_mode(model, training=False)
    for images, labels in test_batches:
        eval_step(model, metrics, images, labels)
    for metric, value in metrics.compute().items():
        history["test_" + metric].append(value)
    metrics.reset()
    return history


def count_params(model):
    params = ivy.nnx_params(model)
    return sum(ivy.size(x) for x in ivy.tree_leaves(params))


def count_state(model):
    return sum(ivy.size(x) for x in ivy.tree_leaves(ivy.nnx_state(model)))


def squared_norm(model):
    params = ivy.nnx_params(model)
    return sum(ivy.sum(p**2) for p in ivy.tree_leaves(params))
