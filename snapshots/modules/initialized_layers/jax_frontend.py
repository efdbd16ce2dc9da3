"""Conv and Embed given initializers, as a GPT-style or ResNet-style file passes them."""

import jax_frontend

embed_init = jax_frontend.nn.initializers.normal(stddev=0.02)
conv_init = jax_frontend.nn.initializers.he_normal()
conv_bias_init = jax_frontend.nn.initializers.constant(0.1)


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
        self.out = jax_frontend.nnx.Conv(
            2 * dim,
            dim,
            (1,),
            kernel_init=jax_frontend.nn.initializers.glorot_uniform(),
            rngs=rngs,
        )

    def __call__(self, tokens):
        h = jax_frontend.nn.relu(self.conv(self.embed(tokens)))
        return self.embed.attend(self.out(h))
