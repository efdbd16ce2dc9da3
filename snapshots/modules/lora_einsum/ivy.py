"""LoRA fine-tuning: a frozen-style base Linear wrapped in nnx.LoRA, an Einsum head
projection, a LoRALinear readout, custom initializers, and a sown activation statistic."""

import math

import ivy


# the project's initializers, named once
def base_kernel_init(key, shape, dtype=ivy.float32):
    return ivy.random_truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * (
        math.sqrt(2.0 / math.prod(shape[:-1])) / 0.87962566103423978
    )


def head_kernel_init(key, shape, dtype=ivy.float32):
    return ivy.random_uniform(key, shape, dtype=dtype, minval=-1.0) * (
        math.sqrt(3.0)
        * math.sqrt(
            1.0 / ((math.prod(shape[:-1]) + math.prod(shape[:-2]) * shape[-1]) / 2)
        )
    )


def small_normal(key, shape, dtype=ivy.float32):
    return ivy.random_normal(key, shape, dtype=dtype) * 0.05


def small_truncated(key, shape, dtype=ivy.float32):
    return ivy.random_truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * 0.05


class LoraHead(ivy.Module):
    def __init__(
        self, features: int, heads: int, head_dim: int, rank: int, n_out: int, *, rngs
    ):
        base = ivy.Linear(
            features,
            features,
            rngs=rngs,
            kernel_init=base_kernel_init,
            bias_init=lambda key, shape, dtype=ivy.float32: ivy.full(
                shape, 0.1, dtype=dtype
            ),
        )
        # b starts at zero in Flax, which hides the adapter: start it small instead
        self.adapter = ivy.LoRA(
            features,
            rank,
            features,
            base_module=base,
            rngs=rngs,
            b_initializer=small_normal,
        )
        self.project = ivy.Einsum(
            "...d,dhk->...hk",
            (features, heads, head_dim),
            bias_shape=(heads, head_dim),
            rngs=rngs,
            kernel_init=head_kernel_init,
        )
        self.readout = ivy.LoRALinear(
            heads * head_dim, n_out, rank, rngs=rngs, b_initializer=small_truncated
        )
        self.scale = ivy.Param(ivy.ones((n_out,), dtype=ivy.float32))
        self.post = ivy.Dict(
            {
                "gate": ivy.Linear(n_out, n_out, rngs=rngs),
                "shift": ivy.Linear(n_out, n_out, use_bias=False, rngs=rngs),
            },
        )

    def __call__(self, x):
        h = ivy.gelu(self.adapter(x))
        self.sow(ivy.Intermediate, "hidden_rms", ivy.sqrt(ivy.mean(h**2)))
        y = self.project(h)
        y = ivy.reshape(y, (ivy.shape(y)[0], ivy.shape(y)[1], -1))
        out = self.readout(y) * self.scale[...]
        return out * ivy.sigmoid(self.post["gate"](out)) + self.post["shift"](out)


def adapter_delta(model: LoraHead, x):
    """What the adapter adds to its base Linear."""
    a = model.adapter
    return x @ a.lora_a[...] @ a.lora_b[...]
