import torch

from ..shared.group_count import group_count
from ..shared.per_target import norm_params


class GroupNorm(torch.nn.Module):
    """nnx.GroupNorm on channels-last inputs (batch, ..., features), as Flax computes it.

    The features split into num_groups groups of consecutive ones (or groups of
    group_size); each example's group is normalized with its mean and variance
    E[x^2] - E[x]^2 (clipped at 0) over every axis but the first, then scaled and
    shifted per feature. torch.nn.GroupNorm is channels-first, with epsilon 1e-5.
    The scale and bias start at ones and zeros unless scale_init / bias_init
    (init(key, shape)) draw them from rngs."""

    def __init__(
        self,
        num_features,
        num_groups=32,
        group_size=None,
        epsilon=1e-6,
        use_bias=True,
        use_scale=True,
        scale_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        self.num_groups = group_count(num_features, num_groups, group_size)
        self.epsilon = epsilon
        n = num_features
        self.weight, self.bias = norm_params(
            n, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def forward(self, x):
        groups = x.reshape(*x.shape[:-1], self.num_groups, -1)
        dims = (*range(1, x.ndim - 1), -1)
        mean = torch.mean(groups, dim=dims, keepdim=True)
        var = torch.clamp(
            torch.mean(torch.square(groups), dim=dims, keepdim=True)
            - torch.square(mean),
            min=0.0,
        )
        y = ((groups - mean) * torch.rsqrt(var + self.epsilon)).reshape(x.shape)
        if self.weight is not None:
            y = y * self.weight
        if self.bias is not None:
            y = y + self.bias
        return y
