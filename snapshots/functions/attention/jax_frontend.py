"""Scaled dot-product attention with a causal mask, written from JAX primitives."""

import jax_frontend


def causal_mask(length):
    positions = jax_frontend.numpy.arange(length)
    return positions[:, None] >= positions[None, :]


def dot_product_attention(q, k, v, mask):
    scale = jax_frontend.lax.rsqrt(
        jax_frontend.numpy.full(
            (), jax_frontend.Array.shape(q)[-1], dtype=jax_frontend.numpy.float32
        ),
    )
    logits = jax_frontend.numpy.einsum("bqd,bkd->bqk", q, k) * scale
    logits = jax_frontend.numpy.where(mask[None, :, :], logits, -1e9)
    weights = jax_frontend.nn.softmax(logits, axis=-1)
    return jax_frontend.numpy.einsum("bqk,bkd->bqd", weights, v)


@jax_frontend.jit
def self_attention(x, w_q, w_k, w_v):
    mask = causal_mask(jax_frontend.Array.shape(x)[1])
    return dot_product_attention(x @ w_q, x @ w_k, x @ w_v, mask)
