"""Classification and regression losses, as in a training step."""

import torch


def minimum(x, y):
    """jnp.minimum: as XLA, -0.0 for -0.0 and 0.0 (torch's vectorized min gives either one).

    The max's fix-up mirrored: -(zero - min) changes only a zero min, to -0.0 if either is -0.0 (then the zero, the
    sign of -x - y, is 0.0).
    """
    out = torch.clamp(x, max=y)
    if not out.is_floating_point():
        return out
    # in the min's dtype: an int or bool operand's 0 is 0.0 (and torch negates no bool)
    x, y = torch.as_tensor(x, dtype=out.dtype), torch.as_tensor(y, dtype=out.dtype)
    return -(torch.copysign(out.new_zeros(()), -x - y) - out)


def cross_entropy(logits, labels):
    log_probs = torch.log_softmax(logits, dim=-1)
    one_hot = torch.nn.functional.one_hot(labels.long(), logits.shape[-1]).to(
        torch.float32
    )
    return -torch.mean(torch.sum(one_hot * log_probs, dim=-1))


def mean_squared_error(predictions, targets):
    return torch.mean(torch.square(predictions - targets))


def huber(predictions, targets, delta=1.0):
    error = torch.abs(predictions - targets)
    quadratic = minimum(error, delta)
    return torch.mean(0.5 * quadratic**2 + delta * (error - quadratic))


def accuracy(logits, labels):
    return torch.mean((torch.argmax(logits, dim=-1).int() == labels).to(torch.float32))
