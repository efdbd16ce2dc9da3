import numpy as np

from ..shared.per_target import norm_params


class BatchNorm:
    """nnx.BatchNorm as in Flax, over every axis but axis (the features, last by default).

    Unless use_running_average (set here or on the layer, or given per call), x is
    normalized with the batch's mean and biased variance (E[x^2] - E[x]^2, clipped
    at 0) over every other axis, and the running averages mean and var are updated
    as momentum * running + (1 - momentum) * batch; else the running averages
    normalize x and stay as they are. The scale and bias start at ones and zeros unless scale_init / bias_init
    (init(key, shape)) draw them from rngs."""

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
        self.use_running_average = use_running_average
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.mean = np.zeros(num_features, dtype=np.float32)
        self.var = np.ones(num_features, dtype=np.float32)
        self.scale, self.bias = norm_params(
            num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def __call__(self, x, use_running_average=None):
        if use_running_average is None:
            use_running_average = self.use_running_average
        axis = self.axis % np.ndim(x)
        x = np.moveaxis(x, axis, -1)
        if use_running_average:
            mean, var = self.mean, self.var
        else:
            axes = tuple(range(x.ndim - 1))
            mean = np.mean(x, axis=axes)
            var = np.maximum(np.mean(np.square(x), axis=axes) - np.square(mean), 0.0)
            self.mean = self.momentum * self.mean + (1 - self.momentum) * mean
            self.var = self.momentum * self.var + (1 - self.momentum) * var
        multiplier = 1 / np.sqrt(var + np.float32(self.epsilon))
        if self.scale is not None:
            multiplier = multiplier * self.scale
        y = (x - mean) * multiplier
        if self.bias is not None:
            y = y + self.bias
        return np.moveaxis(y, -1, axis)
