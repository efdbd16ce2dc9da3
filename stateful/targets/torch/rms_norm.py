import torch

from ..shared.per_target import norm_params


class RMSNorm(torch.nn.RMSNorm):
    """nnx.RMSNorm given a scale_init: a torch.nn.RMSNorm over the last axis whose
    weight starts from scale_init(key, shape), drawn from rngs."""

    def __init__(
        self, num_features, epsilon=1e-6, use_scale=True, scale_init=None, rngs=None
    ):
        super().__init__(num_features, eps=epsilon, elementwise_affine=use_scale)
        self.weight, _ = norm_params(
            num_features, use_scale, False, scale_init, None, rngs
        )
