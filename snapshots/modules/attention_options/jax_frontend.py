"""nnx.MultiHeadAttention's options: normalize_qk, dropout on the attention weights (deterministic unless a
call asks otherwise), decode=True with the autoregressive cache that init_cache makes, and initializers."""

import jax_frontend

qkv_init = jax_frontend.nn.initializers.glorot_uniform()
out_init = jax_frontend.nn.initializers.normal(0.02)
out_bias_init = jax_frontend.nn.initializers.constant(0.1)


class Model(jax_frontend.nnx.Module):
    def __init__(self, dim: int, heads: int, *, rngs):
        self.attn = jax_frontend.nnx.MultiHeadAttention(
            heads,
            dim,
            normalize_qk=True,
            dropout_rate=0.25,
            deterministic=True,
            decode=False,
            rngs=rngs,
        )
        self.decoder = jax_frontend.nnx.MultiHeadAttention(
            heads,
            dim,
            num_kv_heads=1,
            decode=True,
            kernel_init=qkv_init,
            out_kernel_init=out_init,
            out_bias_init=out_bias_init,
            rngs=rngs,
        )

    def __call__(self, x, keep):
        # Flax's dropout-capable path cannot broadcast is_causal against a (batch, 1, 1, length) mask
        causal = jax_frontend.nnx.make_causal_mask(
            x[..., 0], dtype=jax_frontend.numpy.bool_
        )
        y = self.attn(
            x, mask=jax_frontend.numpy.logical_and(causal, keep[:, None, None, :])
        )
        # the call's decode=False overrides the constructor's
        return y, self.decoder(x, decode=False, is_causal=True)

    def train_step(self, x):
        return self.attn(x, deterministic=False)


def decode_steps(model: Model, x):
    """Attends one position at a time through the cache: equal to causal attention over x."""
    model.decoder.init_cache(jax_frontend.Array.shape(x))
    steps = [
        model.decoder(x[:, t : t + 1]) for t in range(jax_frontend.Array.shape(x)[1])
    ]
    return jax_frontend.numpy.concatenate(steps, axis=1)
