import torch

from ..shared.per_target import norm_params


class LayerNorm(torch.nn.LayerNorm):
    """nnx.LayerNorm given initializers: a torch.nn.LayerNorm over the last axis whose
    weight and bias start from scale_init / bias_init (init(key, shape)), drawn from rngs."""

    def __init__(
        self,
        num_features,
        epsilon=1e-6,
        use_bias=True,
        use_scale=True,
        scale_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__(
            num_features, eps=epsilon, elementwise_affine=use_scale, bias=use_bias
        )
        self.weight, self.bias = norm_params(
            num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )
