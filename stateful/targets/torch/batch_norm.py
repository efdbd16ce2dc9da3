import torch

from ..shared.per_target import norm_params


class BatchNorm(torch.nn.Module):
    """nnx.BatchNorm as in Flax, over every axis but axis (the features, last by default).

    In training mode x is normalized with the batch's mean and biased variance
    (E[x^2] - E[x]^2, clipped at 0) over every other axis, and the running averages
    are updated as running = momentum * running + (1 - momentum) * batch: momentum is
    the decay (torch.nn.BatchNorm's momentum is 1 - that, and it keeps the unbiased
    variance). With use_running_average (here, per call, or after model.eval()) the
    running averages normalize x and stay as they are. model.train() and model.eval()
    set use_running_average, as Flax's do. The scale and bias start at ones and zeros
    unless scale_init / bias_init (init(key, shape)) draw them from rngs."""

    def __init__(
        self,
        num_features,
        use_running_average=False,
        axis=-1,
        momentum=0.99,
        epsilon=1e-5,
        use_bias=True,
        use_scale=True,
        scale_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        self.use_running_average = use_running_average
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        n = num_features
        self.register_buffer("running_mean", torch.zeros(n))
        self.register_buffer("running_var", torch.ones(n))
        self.weight, self.bias = norm_params(
            n, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def train(self, mode=True):
        self.use_running_average = not mode
        return super().train(mode)

    def forward(self, x, use_running_average=None):
        if use_running_average is None:
            use_running_average = self.use_running_average
        axis = self.axis % x.ndim
        x = torch.movedim(x, axis, -1)
        if use_running_average:
            mean, var = self.running_mean, self.running_var
        else:
            dims = tuple(range(x.ndim - 1))
            mean = torch.mean(x, dim=dims)
            var = torch.clamp(
                torch.mean(torch.square(x), dim=dims) - torch.square(mean), min=0.0
            )
            with torch.no_grad():
                self.running_mean.copy_(
                    self.momentum * self.running_mean + (1 - self.momentum) * mean
                )
                self.running_var.copy_(
                    self.momentum * self.running_var + (1 - self.momentum) * var
                )
        multiplier = torch.rsqrt(var + self.epsilon)
        if self.weight is not None:
            multiplier = multiplier * self.weight
        y = (x - mean) * multiplier
        if self.bias is not None:
            y = y + self.bias
        return torch.movedim(y, -1, axis)
