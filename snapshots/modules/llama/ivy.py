"""A Llama-style decoder in another author's style: a plain dataclass config, layers built through
functools.partial, a hand-written RMSNorm, rotary embeddings, grouped-query attention through
jax.nn.dot_product_attention(is_causal=True), and a SwiGLU feed-forward."""

from dataclasses import dataclass

import ivy


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
        ivy.astype(
            ivy.arange(0, stop=head_dim, step=2, dtype=ivy.int32)[: head_dim // 2],
            ivy.float32,
        )
        / head_dim
    )
    t = ivy.arange(seq_len, dtype=ivy.float32)
    freqs = ivy.outer(t, freqs)
    return ivy.cos(freqs), ivy.sin(freqs)


def apply_rope(x, cos, sin):
    x1, x2 = ivy.split(x, 2, axis=-1)
    cos = cos[None, :, None, :]
    sin = sin[None, :, None, :]
    return ivy.concatenate([x1 * cos - x2 * sin, x2 * cos + x1 * sin], axis=-1)


class RMSNorm(ivy.Module):
    def __init__(self, dim, eps=1e-6, *, rngs):
        self.weight = ivy.Param(ivy.ones((dim,), dtype=ivy.float32))
        self.eps = eps

    def __call__(self, x):
        var = ivy.mean(ivy.astype(x, ivy.float32) ** 2, axis=-1, keepdims=True)
        return x * ivy.rsqrt(var + self.eps) * self.weight.value


class Attention(ivy.Module):
    def __init__(self, config: LlamaConfig, rngs):
        self.n_heads = config.n_heads
        self.n_kv = config.n_kv_heads
        self.head_dim = config.dim // config.n_heads
        self.wq = ivy.Linear(
            config.dim, self.n_heads * self.head_dim, use_bias=False, rngs=rngs
        )
        self.wk = ivy.Linear(
            config.dim, self.n_kv * self.head_dim, use_bias=False, rngs=rngs
        )
        self.wv = ivy.Linear(
            config.dim, self.n_kv * self.head_dim, use_bias=False, rngs=rngs
        )
        self.wo = ivy.Linear(
            self.n_heads * self.head_dim, config.dim, use_bias=False, rngs=rngs
        )

    def __call__(self, x, cos, sin):
        b, t, _ = ivy.shape(x)
        q = ivy.reshape(self.wq(x), (b, t, self.n_heads, self.head_dim))
        k = ivy.reshape(self.wk(x), (b, t, self.n_kv, self.head_dim))
        v = ivy.reshape(self.wv(x), (b, t, self.n_kv, self.head_dim))
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        rep = self.n_heads // self.n_kv
        k = ivy.repeat(k, rep, axis=2)
        v = ivy.repeat(v, rep, axis=2)
        out = ivy.dot_product_attention(q, k, v, is_causal=True)
        return self.wo(ivy.reshape(out, (b, t, -1)))


class FeedForward(ivy.Module):
    def __init__(self, config: LlamaConfig, rngs):
        self.w1 = ivy.Linear(config.dim, config.ffn_dim, use_bias=False, rngs=rngs)
        self.w2 = ivy.Linear(config.ffn_dim, config.dim, use_bias=False, rngs=rngs)
        self.w3 = ivy.Linear(config.dim, config.ffn_dim, use_bias=False, rngs=rngs)

    def __call__(self, x):
        return self.w2(ivy.silu(self.w1(x)) * self.w3(x))


class Block(ivy.Module):
    def __init__(self, config: LlamaConfig, rngs):
        self.attn_norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.attn = Attention(config, rngs)
        self.ffn_norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.ffn = FeedForward(config, rngs)

    def __call__(self, h, cos, sin):
        h = h + self.attn(self.attn_norm(h), cos, sin)
        return h + self.ffn(self.ffn_norm(h))


class Llama(ivy.Module):
    def __init__(self, config: LlamaConfig, *, rngs):
        self.config = config
        self.embed = ivy.Embed(config.vocab, config.dim, rngs=rngs)
        self.layers = ivy.List([Block(config, rngs) for _ in range(config.n_layers)])
        self.norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.lm_head = ivy.Linear(config.dim, config.vocab, use_bias=False, rngs=rngs)

    def __call__(self, tokens):
        h = self.embed(tokens)
        cos, sin = precompute_freqs(
            self.config.dim // self.config.n_heads,
            ivy.shape(tokens)[1],
            self.config.rope_theta,
        )
        for layer in self.layers:
            h = layer(h, cos, sin)
        return self.lm_head(self.norm(h))
