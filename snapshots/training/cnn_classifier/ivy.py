"""A CNN classifier: gradients clipped by their global norm, then SGD with
Nesterov momentum on an exponentially decaying learning rate; cross-entropy,
and the logits as aux for the accuracy."""

import ivy


class CNN(ivy.Module):
    def __init__(self, *, rngs):
        self.conv = ivy.Conv(1, 4, (3, 3), rngs=rngs)
        self.linear = ivy.Linear(4 * 4 * 4, 10, rngs=rngs)

    def __call__(self, x):
        x = ivy.relu(self.conv(x))
        x = ivy.avg_pool(x, (2, 2), strides=(2, 2))
        return self.linear(ivy.reshape(x, (ivy.shape(x)[0], -1)))


def make_optimizer(model):
    schedule = ivy.exponential_decay(0.1, 2, 0.5)
    tx = ivy.chain(ivy.clip_by_global_norm(0.5), ivy.sgd(schedule, 0.9, True))
    return ivy.nnx_optimizer(model, tx)


def loss_fn(model, images, labels):
    logits = model(images)
    loss = ivy.mean(ivy.softmax_cross_entropy_with_integer_labels(logits, labels))
    return loss, logits


def train_step(model, optimizer, images, labels):
    grad_fn = ivy.nnx_value_and_grad(loss_fn, has_aux=True)
    (loss, logits), grads = grad_fn(model, images, labels)
    optimizer.update(model, grads)
    accuracy = ivy.mean(ivy.argmax(logits, axis=-1) == labels)
    return loss, accuracy
