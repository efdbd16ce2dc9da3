import math

import torch


class LoRA(torch.nn.Module):
    """nnx.LoRA: x @ lora_a @ lora_b, plus base_module(x) when one is given, with lora_a
    (in, rank) and lora_b (rank, out) as in Flax, starting He-uniform and zero unless
    a_initializer / b_initializer (init(key, shape)) are given, drawn from rngs."""

    def __init__(
        self,
        in_features,
        lora_rank,
        out_features,
        base_module=None,
        a_initializer=None,
        b_initializer=None,
        rngs=None,
    ):
        super().__init__()
        key = None if rngs is None else rngs.params()
        self.base_module = base_module
        if a_initializer is None:
            bound = math.sqrt(6 / in_features)
            lora_a = torch.empty(in_features, lora_rank).uniform_(
                -bound, bound, generator=key
            )
        else:
            lora_a = a_initializer(key, (in_features, lora_rank))
        if b_initializer is None:
            lora_b = torch.zeros(lora_rank, out_features)
        else:
            lora_b = b_initializer(key, (lora_rank, out_features))
        self.lora_a = torch.nn.Parameter(lora_a)
        self.lora_b = torch.nn.Parameter(lora_b)

    def forward(self, x):
        y = x @ self.lora_a @ self.lora_b
        return y if self.base_module is None else y + self.base_module(x)
