"""A Llama-style decoder in another author's style: a plain dataclass config, layers built through
functools.partial, a hand-written RMSNorm, rotary embeddings, grouped-query attention through
jax.nn.dot_product_attention(is_causal=True), and a SwiGLU feed-forward."""

from dataclasses import dataclass

import jax_frontend


@dataclass
class LlamaConfig:
    dim: int = 16
    n_heads: int = 4
    n_kv_heads: int = 2
    ffn_dim: int = 32
    norm_eps: float = 1e-5
    rope_theta: float = 10000.0
    vocab: int = 50
    n_layers: int = 2


def precompute_freqs(head_dim: int, seq_len: int, theta: float):
    freqs = 1.0 / theta ** (
        jax_frontend.Array.astype(
            jax_frontend.numpy.arange(0, head_dim, 2)[: head_dim // 2],
            jax_frontend.numpy.float32,
        )
        / head_dim
    )
    t = jax_frontend.numpy.arange(seq_len, dtype=jax_frontend.numpy.float32)
    freqs = jax_frontend.numpy.outer(t, freqs)
    return jax_frontend.numpy.cos(freqs), jax_frontend.numpy.sin(freqs)


def apply_rope(x, cos, sin):
    x1, x2 = jax_frontend.numpy.split(x, 2, axis=-1)
    cos = cos[None, :, None, :]
    sin = sin[None, :, None, :]
    return jax_frontend.numpy.concatenate(
        [x1 * cos - x2 * sin, x2 * cos + x1 * sin], axis=-1
    )


class RMSNorm(jax_frontend.nnx.Module):
    def __init__(self, dim, eps=1e-6, *, rngs):
        self.weight = jax_frontend.nnx.Param(jax_frontend.numpy.ones((dim,)))
        self.eps = eps

    def __call__(self, x):
        var = jax_frontend.numpy.mean(
            jax_frontend.Array.astype(x, jax_frontend.numpy.float32) ** 2,
            axis=-1,
            keepdims=True,
        )
        return x * jax_frontend.lax.rsqrt(var + self.eps) * self.weight.value


class Attention(jax_frontend.nnx.Module):
    def __init__(self, config: LlamaConfig, rngs):
        self.n_heads = config.n_heads
        self.n_kv = config.n_kv_heads
        self.head_dim = config.dim // config.n_heads
        self.wq = jax_frontend.nnx.Linear(
            config.dim, self.n_heads * self.head_dim, use_bias=False, rngs=rngs
        )
        self.wk = jax_frontend.nnx.Linear(
            config.dim, self.n_kv * self.head_dim, use_bias=False, rngs=rngs
        )
        self.wv = jax_frontend.nnx.Linear(
            config.dim, self.n_kv * self.head_dim, use_bias=False, rngs=rngs
        )
        self.wo = jax_frontend.nnx.Linear(
            self.n_heads * self.head_dim, config.dim, use_bias=False, rngs=rngs
        )

    def __call__(self, x, cos, sin):
        b, t, _ = jax_frontend.Array.shape(x)
        q = jax_frontend.Array.reshape(self.wq(x), b, t, self.n_heads, self.head_dim)
        k = jax_frontend.Array.reshape(self.wk(x), b, t, self.n_kv, self.head_dim)
        v = jax_frontend.Array.reshape(self.wv(x), b, t, self.n_kv, self.head_dim)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        rep = self.n_heads // self.n_kv
        k = jax_frontend.numpy.repeat(k, rep, axis=2)
        v = jax_frontend.numpy.repeat(v, rep, axis=2)
        out = jax_frontend.nn.dot_product_attention(q, k, v, is_causal=True)
        return self.wo(jax_frontend.Array.reshape(out, b, t, -1))


class FeedForward(jax_frontend.nnx.Module):
    def __init__(self, config: LlamaConfig, rngs):
        self.w1 = jax_frontend.nnx.Linear(
            config.dim, config.ffn_dim, use_bias=False, rngs=rngs
        )
        self.w2 = jax_frontend.nnx.Linear(
            config.ffn_dim, config.dim, use_bias=False, rngs=rngs
        )
        self.w3 = jax_frontend.nnx.Linear(
            config.dim, config.ffn_dim, use_bias=False, rngs=rngs
        )

    def __call__(self, x):
        return self.w2(jax_frontend.nn.silu(self.w1(x)) * self.w3(x))


class Block(jax_frontend.nnx.Module):
    def __init__(self, config: LlamaConfig, rngs):
        self.attn_norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.attn = Attention(config, rngs)
        self.ffn_norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.ffn = FeedForward(config, rngs)

    def __call__(self, h, cos, sin):
        h = h + self.attn(self.attn_norm(h), cos, sin)
        return h + self.ffn(self.ffn_norm(h))


class Llama(jax_frontend.nnx.Module):
    def __init__(self, config: LlamaConfig, *, rngs):
        self.config = config
        self.embed = jax_frontend.nnx.Embed(config.vocab, config.dim, rngs=rngs)
        self.layers = jax_frontend.nnx.List(
            [Block(config, rngs) for _ in range(config.n_layers)]
        )
        self.norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.lm_head = jax_frontend.nnx.Linear(
            config.dim, config.vocab, use_bias=False, rngs=rngs
        )

    def __call__(self, tokens):
        h = self.embed(tokens)
        cos, sin = precompute_freqs(
            self.config.dim // self.config.n_heads,
            jax_frontend.Array.shape(tokens)[1],
            self.config.rope_theta,
        )
        for layer in self.layers:
            h = layer(h, cos, sin)
        return self.lm_head(self.norm(h))
