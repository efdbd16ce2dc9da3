"""Attention with nnx.MultiHeadAttention: a pre-norm causal self-attention block (nnx.make_causal_mask),
cross-attention with grouped key/value heads and a padding mask, and nnx.dot_product_attention."""

import jax_frontend


class AttentionBlock(jax_frontend.nnx.Module):
    def __init__(self, dim: int, heads: int, qkv_dim: int, *, rngs):
        self.norm = jax_frontend.nnx.LayerNorm(dim, rngs=rngs)
        self.attn = jax_frontend.nnx.MultiHeadAttention(
            heads, dim, qkv_features=qkv_dim, decode=False, rngs=rngs
        )
        self.proj = jax_frontend.nnx.Linear(dim, dim, rngs=rngs)

    def __call__(self, x):
        mask = jax_frontend.nnx.make_causal_mask(x[..., 0])
        x = x + self.attn(self.norm(x), mask=mask)
        return x + self.proj(jax_frontend.nn.gelu(x))


class CrossAttention(jax_frontend.nnx.Module):
    """Queries from one sequence, keys and values from another: fewer key/value heads, no biases."""

    def __init__(self, dim: int, context_dim: int, *, rngs):
        self.attn = jax_frontend.nnx.MultiHeadAttention(
            4,
            dim,
            qkv_features=8,
            out_features=3,
            num_kv_heads=2,
            in_kv_features=context_dim,
            use_bias=False,
            decode=False,
            rngs=rngs,
        )

    def __call__(self, x, context):
        keep = jax_frontend.numpy.sum(context, axis=-1) > 0.0
        return self.attn(x, context, mask=keep[:, None, None, :])


class Model(jax_frontend.nnx.Module):
    def __init__(self, dim: int, heads: int, context_dim: int, *, rngs):
        self.block = AttentionBlock(dim, heads, 2 * dim, rngs=rngs)
        self.cross = CrossAttention(dim, context_dim, rngs=rngs)

    def __call__(self, x, context):
        y = self.block(x)
        # one head over the block's output, causal through a boolean mask
        mask = jax_frontend.nnx.make_causal_mask(
            x[..., 0], dtype=jax_frontend.numpy.bool_
        )
        pooled = jax_frontend.nnx.dot_product_attention(
            y[:, :, None, :], y[:, :, None, :], x[:, :, None, :], mask=mask
        )
        return y, self.cross(y, context), pooled[:, :, 0, :]
