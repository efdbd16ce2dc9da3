"""Layers given initializers, as a GPT-style or ResNet-style file passes them: Conv,
ConvTranspose and Embed's kernels, and the norms' scales and biases."""

import jax_frontend

embed_init = jax_frontend.nn.initializers.normal(stddev=0.02)
conv_init = jax_frontend.nn.initializers.he_normal()
conv_bias_init = jax_frontend.nn.initializers.constant(0.1)
up_init = jax_frontend.nn.initializers.orthogonal(scale=0.5, column_axis=-2)


class TokenConv(jax_frontend.nnx.Module):
    def __init__(self, vocab: int, dim: int, *, rngs):
        self.embed = jax_frontend.nnx.Embed(
            vocab, dim, embedding_init=embed_init, rngs=rngs
        )
        self.conv = jax_frontend.nnx.Conv(
            dim,
            2 * dim,
            (3,),
            kernel_init=conv_init,
            bias_init=conv_bias_init,
            rngs=rngs,
        )
        self.up = jax_frontend.nnx.ConvTranspose(
            2 * dim,
            2 * dim,
            (3,),
            strides=(2,),
            kernel_init=up_init,
            bias_init=jax_frontend.nn.initializers.normal(0.01),
            rngs=rngs,
        )
        self.group = jax_frontend.nnx.GroupNorm(
            2 * dim,
            num_groups=4,
            scale_init=jax_frontend.nn.initializers.constant(1.5),
            bias_init=jax_frontend.nn.initializers.constant(-0.5),
            rngs=rngs,
        )
        self.instance = jax_frontend.nnx.InstanceNorm(
            2 * dim, scale_init=jax_frontend.nn.initializers.uniform(2.0), rngs=rngs
        )
        self.batch = jax_frontend.nnx.BatchNorm(
            2 * dim, bias_init=jax_frontend.nn.initializers.constant(0.25), rngs=rngs
        )
        self.out = jax_frontend.nnx.Conv(
            2 * dim,
            dim,
            (1,),
            kernel_init=jax_frontend.nn.initializers.glorot_uniform(),
            rngs=rngs,
        )
        self.norm = jax_frontend.nnx.LayerNorm(
            dim,
            scale_init=jax_frontend.nn.initializers.normal(1.0),
            bias_init=jax_frontend.nnx.initializers.zeros_init(),
            rngs=rngs,
        )
        self.rms = jax_frontend.nnx.RMSNorm(
            dim, scale_init=jax_frontend.nn.initializers.constant(2.0), rngs=rngs
        )

    def __call__(self, tokens):
        h = self.up(jax_frontend.nn.relu(self.conv(self.embed(tokens))))
        h = h + self.group(h)
        h = h + self.batch(h) + self.instance(h)
        return self.embed.attend(self.rms(self.norm(self.out(h))))
