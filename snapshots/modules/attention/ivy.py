"""Attention with nnx.MultiHeadAttention: a pre-norm causal self-attention block (nnx.make_causal_mask),
cross-attention with grouped key/value heads and a padding mask, and nnx.dot_product_attention."""

import ivy


class AttentionBlock(ivy.Module):
    def __init__(self, dim: int, heads: int, qkv_dim: int, *, rngs):
        self.norm = ivy.LayerNorm(dim, rngs=rngs)
        self.attn = ivy.MultiHeadAttention(
            heads, dim, qkv_features=qkv_dim, decode=False, rngs=rngs
        )
        self.proj = ivy.Linear(dim, dim, rngs=rngs)

    def __call__(self, x):
        mask = ivy.make_causal_mask(x[..., 0])
        x = x + self.attn(self.norm(x), mask=mask)
        return x + self.proj(ivy.gelu(x))


class CrossAttention(ivy.Module):
    """Queries from one sequence, keys and values from another: fewer key/value heads, no biases."""

    def __init__(self, dim: int, context_dim: int, *, rngs):
        self.attn = ivy.MultiHeadAttention(
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
        keep = ivy.sum(context, axis=-1) > 0.0
        return self.attn(x, context, mask=keep[:, None, None, :])


class Model(ivy.Module):
    def __init__(self, dim: int, heads: int, context_dim: int, *, rngs):
        self.block = AttentionBlock(dim, heads, 2 * dim, rngs=rngs)
        self.cross = CrossAttention(dim, context_dim, rngs=rngs)

    def __call__(self, x, context):
        y = self.block(x)
        # one head over the block's output, causal through a boolean mask
        mask = ivy.make_causal_mask(x[..., 0], dtype=ivy.bool_)
        pooled = ivy.dot_product_attention(
            y[:, :, None, :], y[:, :, None, :], x[:, :, None, :], mask=mask
        )
        return y, self.cross(y, context), pooled[:, :, 0, :]
