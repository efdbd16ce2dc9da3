"""nnx.BatchNorm after nnx.Conv (channels-last) and nnx.Linear: batch statistics and
running averages in training mode, the running averages with use_running_average.

The layers before a BatchNorm have no bias, as usual: the batch mean cancels it."""

import ivy


class BatchNormNet(ivy.Module):
    def __init__(self, channels: int, hidden: int, classes: int, *, rngs):
        self.conv = ivy.Conv(channels, 8, (3, 3), use_bias=False, rngs=rngs)
        self.conv_norm = ivy.BatchNorm(8, rngs=rngs)
        self.linear = ivy.Linear(8, hidden, use_bias=False, rngs=rngs)
        self.norm = ivy.BatchNorm(hidden, momentum=0.9, epsilon=1e-3, rngs=rngs)
        self.frozen = ivy.BatchNorm(
            hidden, use_running_average=True, use_bias=False, rngs=rngs
        )
        self.head = ivy.Linear(hidden, classes, rngs=rngs)

    def __call__(self, x, use_running_average=None):
        x = ivy.relu(self.conv_norm(self.conv(x), use_running_average))
        x = ivy.mean(x, axis=(1, 2))
        x = ivy.relu(self.norm(self.linear(x), use_running_average=use_running_average))
        return self.head(self.frozen(x))


def evaluate(model, x):
    return model(x, use_running_average=True)
