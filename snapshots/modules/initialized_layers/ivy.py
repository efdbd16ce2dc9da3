"""Conv and Embed given initializers, as a GPT-style or ResNet-style file passes them."""

import math

import ivy


def embed_init(key, shape, dtype=ivy.float32):
    return ivy.random_normal(key, shape, dtype=dtype) * 0.02


def conv_init(key, shape, dtype=ivy.float32):
    return ivy.random_truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * (
        math.sqrt(2.0 / math.prod(shape[:-1])) / 0.87962566103423978
    )


def conv_bias_init(key, shape, dtype=ivy.float32):
    return ivy.full(shape, 0.1, dtype=dtype)


class TokenConv(ivy.Module):
    def __init__(self, vocab: int, dim: int, *, rngs):
        self.embed = ivy.Embed(vocab, dim, rngs=rngs, embedding_init=embed_init)
        self.conv = ivy.Conv(
            dim,
            2 * dim,
            (3,),
            rngs=rngs,
            kernel_init=conv_init,
            bias_init=conv_bias_init,
        )
        self.out = ivy.Conv(
            2 * dim,
            dim,
            (1,),
            rngs=rngs,
            kernel_init=lambda key, shape, dtype=ivy.float32: (
                ivy.random_uniform(key, shape, dtype=dtype, minval=-1.0)
                * (
                    math.sqrt(3.0)
                    * math.sqrt(
                        1.0
                        / (
                            (math.prod(shape[:-1]) + math.prod(shape[:-2]) * shape[-1])
                            / 2
                        ),
                    )
                )
            ),
        )

    def __call__(self, tokens):
        h = ivy.relu(self.conv(self.embed(tokens)))
        return self.embed.attend(self.out(h))
