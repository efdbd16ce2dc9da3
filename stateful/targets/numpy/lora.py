import math

import numpy as np


class LoRA:
    """nnx.LoRA: x @ lora_a @ lora_b, plus base_module(x) when one is given, with lora_a
    (in, rank) and lora_b (rank, out) as in Flax, starting He-uniform and zero unless
    a_initializer / b_initializer (init(key, shape)) are given."""

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
        rng = np.random.default_rng() if rngs is None else rngs.params()
        self.base_module = base_module
        if a_initializer is None:
            bound = math.sqrt(6 / in_features)
            lora_a = rng.uniform(-bound, bound, (in_features, lora_rank))
            self.lora_a = lora_a.astype(np.float32)
        else:
            self.lora_a = a_initializer(rng, (in_features, lora_rank))
        if b_initializer is None:
            self.lora_b = np.zeros((lora_rank, out_features), dtype=np.float32)
        else:
            self.lora_b = b_initializer(rng, (lora_rank, out_features))

    def __call__(self, x):
        y = np.matmul(np.matmul(x, self.lora_a), self.lora_b)
        return y if self.base_module is None else y + self.base_module(x)
