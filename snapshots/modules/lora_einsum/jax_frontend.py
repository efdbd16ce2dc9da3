"""LoRA fine-tuning: a frozen-style base Linear wrapped in nnx.LoRA, an Einsum head
projection, a LoRALinear readout, custom initializers, and a sown activation statistic."""

import jax_frontend

# the project's initializers, named once
base_kernel_init = jax_frontend.nn.initializers.he_normal()
head_kernel_init = jax_frontend.nn.initializers.variance_scaling(
    1.0, "fan_avg", "uniform"
)
small_normal = jax_frontend.nn.initializers.normal(0.05)
small_truncated = jax_frontend.nn.initializers.truncated_normal(0.05)


class LoraHead(jax_frontend.nnx.Module):
    def __init__(
        self, features: int, heads: int, head_dim: int, rank: int, n_out: int, *, rngs
    ):
        base = jax_frontend.nnx.Linear(
            features,
            features,
            kernel_init=base_kernel_init,
            bias_init=jax_frontend.nn.initializers.constant(0.1),
            rngs=rngs,
        )
        # b starts at zero in Flax, which hides the adapter: start it small instead
        self.adapter = jax_frontend.nnx.LoRA(
            features,
            rank,
            features,
            base_module=base,
            b_initializer=small_normal,
            rngs=rngs,
        )
        self.project = jax_frontend.nnx.Einsum(
            "...d,dhk->...hk",
            (features, heads, head_dim),
            (heads, head_dim),
            kernel_init=head_kernel_init,
            rngs=rngs,
        )
        self.readout = jax_frontend.nnx.LoRALinear(
            heads * head_dim,
            n_out,
            lora_rank=rank,
            b_initializer=small_truncated,
            rngs=rngs,
        )
        self.scale = jax_frontend.nnx.LoRAParam(jax_frontend.numpy.ones((n_out,)))
        self.post = jax_frontend.nnx.Dict(
            {
                "gate": jax_frontend.nnx.Linear(n_out, n_out, rngs=rngs),
                "shift": jax_frontend.nnx.Linear(
                    n_out, n_out, use_bias=False, rngs=rngs
                ),
            },
        )

    def __call__(self, x):
        h = jax_frontend.nn.gelu(self.adapter(x))
        self.sow(
            jax_frontend.nnx.Intermediate,
            "hidden_rms",
            jax_frontend.numpy.sqrt(jax_frontend.numpy.mean(h**2)),
        )
        y = self.project(h)
        y = jax_frontend.Array.reshape(
            y, jax_frontend.Array.shape(y)[0], jax_frontend.Array.shape(y)[1], -1
        )
        out = self.readout(y) * self.scale[...]
        return out * jax_frontend.nn.sigmoid(self.post["gate"](out)) + self.post[
            "shift"
        ](out)


def adapter_delta(model: LoraHead, x):
    """What the adapter adds to its base Linear."""
    a = model.adapter
    return x @ a.lora_a[...] @ a.lora_b[...]
