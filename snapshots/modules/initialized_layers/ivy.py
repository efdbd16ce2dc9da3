"""Layers given initializers, as a GPT-style or ResNet-style file passes them: Conv,
ConvTranspose and Embed's kernels, and the norms' scales and biases."""

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


def up_init(key, shape, dtype=ivy.float32, c=-2):
    return (
        ivy.moveaxis(
            ivy.reshape(
                ivy.random_orthogonal(
                    key, math.prod(shape) // shape[c], shape[c], dtype=dtype
                ),
                (*shape[:c], *shape[c:][1:], shape[c]),
            ),
            -1,
            c,
        )
        * 0.5
    )


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
        self.up = ivy.ConvTranspose(
            2 * dim,
            2 * dim,
            (3,),
            strides=(2,),
            rngs=rngs,
            kernel_init=up_init,
            bias_init=lambda key, shape, dtype=ivy.float32: (
                ivy.random_normal(key, shape, dtype=dtype) * 0.01
            ),
        )
        self.group = ivy.GroupNorm(
            2 * dim,
            num_groups=4,
            rngs=rngs,
            scale_init=lambda key, shape, dtype=ivy.float32: ivy.full(
                shape, 1.5, dtype=dtype
            ),
            bias_init=lambda key, shape, dtype=ivy.float32: ivy.full(
                shape, -0.5, dtype=dtype
            ),
        )
        self.instance = ivy.GroupNorm(
            2 * dim,
            num_groups=None,
            group_size=1,
            rngs=rngs,
            scale_init=lambda key, shape, dtype=ivy.float32: (
                ivy.random_uniform(key, shape, dtype=dtype) * 2.0
            ),
        )
        self.batch = ivy.BatchNorm(
            2 * dim,
            rngs=rngs,
            bias_init=lambda key, shape, dtype=ivy.float32: ivy.full(
                shape, 0.25, dtype=dtype
            ),
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
        self.norm = ivy.LayerNorm(
            dim,
            rngs=rngs,
            scale_init=lambda key, shape, dtype=ivy.float32: (
                ivy.random_normal(key, shape, dtype=dtype) * 1.0
            ),
            bias_init=lambda key, shape, dtype=ivy.float32: ivy.zeros(
                shape, dtype=dtype
            ),
        )
        self.rms = ivy.RMSNorm(
            dim,
            rngs=rngs,
            scale_init=lambda key, shape, dtype=ivy.float32: ivy.full(
                shape, 2.0, dtype=dtype
            ),
        )

    def __call__(self, tokens):
        h = self.up(ivy.relu(self.conv(self.embed(tokens))))
        h = h + self.group(h)
        h = h + self.batch(h) + self.instance(h)
        return self.embed.attend(self.rms(self.norm(self.out(h))))
