"""nnx.MultiHeadAttention's options: normalize_qk, dropout on the attention weights (deterministic unless a
call asks otherwise), decode=True with the autoregressive cache that init_cache makes, and initializers."""

import math

import ivy


def qkv_init(key, shape, dtype=ivy.float32):
    return ivy.random_uniform(key, shape, dtype=dtype, minval=-1.0) * (
        math.sqrt(3.0)
        * math.sqrt(
            1.0 / ((math.prod(shape[:-1]) + math.prod(shape[:-2]) * shape[-1]) / 2)
        )
    )


def out_init(key, shape, dtype=ivy.float32):
    return ivy.random_normal(key, shape, dtype=dtype) * 0.02


def out_bias_init(key, shape, dtype=ivy.float32):
    return ivy.full(shape, 0.1, dtype=dtype)


class Model(ivy.Module):
    def __init__(self, dim: int, heads: int, *, rngs):
        self.attn = ivy.MultiHeadAttention(
            heads,
            dim,
            dropout_rate=0.25,
            deterministic=True,
            decode=False,
            normalize_qk=True,
            rngs=rngs,
        )
        self.decoder = ivy.MultiHeadAttention(
            heads,
            dim,
            num_kv_heads=1,
            decode=True,
            rngs=rngs,
            kernel_init=qkv_init,
            out_kernel_init=out_init,
            out_bias_init=out_bias_init,
        )

    def __call__(self, x, keep):
        # Flax's dropout-capable path cannot broadcast is_causal against a (batch, 1, 1, length) mask
        causal = ivy.make_causal_mask(x[..., 0], dtype=ivy.bool_)
        y = self.attn(x, mask=ivy.logical_and(causal, keep[:, None, None, :]))
        # the call's decode=False overrides the constructor's
        return y, self.decoder(x, decode=False, is_causal=True)

    def train_step(self, x):
        return self.attn(x, deterministic=False)


def decode_steps(model: Model, x):
    """Attends one position at a time through the cache: equal to causal attention over x."""
    model.decoder.init_cache(ivy.shape(x))
    steps = [model.decoder(x[:, t : t + 1]) for t in range(ivy.shape(x)[1])]
    return ivy.concatenate(steps, axis=1)
