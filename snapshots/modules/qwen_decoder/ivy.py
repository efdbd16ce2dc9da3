"""A Qwen3-style decoder: RMSNorm, rotary embeddings, grouped-query attention with q/k norms, a SwiGLU MLP,
and a KV cache per layer for greedy decoding, one token at a time."""

import dataclasses

import ivy


@dataclasses.dataclass(frozen=True)
class QwenConfig:
    vocab_size: int
    dim: int
    num_layers: int
    num_heads: int
    num_kv_heads: int
    hidden_dim: int
    max_len: int
    rope_theta: float = 1e6
    norm_eps: float = 1e-6

    @property
    def head_dim(self) -> int:
        return self.dim // self.num_heads


class RMSNorm(ivy.Module):
    """Root-mean-square norm with a learned scale, as Qwen3 writes it."""

    def __init__(self, dim: int, eps: float = 1e-6):
        self.eps = eps
        self.scale = ivy.Param(ivy.ones((dim,), dtype=ivy.float32))

    def __call__(self, x):
        variance = ivy.mean(ivy.square(x), axis=-1, keepdims=True)
        return x * ivy.rsqrt(variance + self.eps) * self.scale.value


def rope_tables(max_len: int, head_dim: int, theta: float):
    # (max_len, head_dim) sin and cos tables; the second half repeats the first.
    exponents = ivy.arange(0, stop=head_dim, step=2, dtype=ivy.float32) / head_dim
    inv_freq = 1.0 / theta**exponents
    angles = ivy.arange(max_len, dtype=ivy.float32)[:, None] * inv_freq[None, :]
    angles = ivy.concatenate([angles, angles], axis=-1)
    return ivy.sin(angles), ivy.cos(angles)


def rotate_half(x):
    half = ivy.shape(x)[-1] // 2
    return ivy.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def apply_rope(x, sin, cos):
    # x: (batch, length, heads, head_dim); sin, cos: (length, head_dim)
    return x * cos[None, :, None, :] + rotate_half(x) * sin[None, :, None, :]


class Attention(ivy.Module):
    def __init__(self, config: QwenConfig, *, rngs):
        self.num_heads = config.num_heads
        self.num_kv_heads = config.num_kv_heads
        self.head_dim = config.head_dim
        self.max_len = config.max_len
        self.rope_theta = config.rope_theta
        q_features = config.num_heads * config.head_dim
        kv_features = config.num_kv_heads * config.head_dim
        self.q_proj = ivy.Linear(config.dim, q_features, use_bias=False, rngs=rngs)
        self.k_proj = ivy.Linear(config.dim, kv_features, use_bias=False, rngs=rngs)
        self.v_proj = ivy.Linear(config.dim, kv_features, use_bias=False, rngs=rngs)
        self.o_proj = ivy.Linear(q_features, config.dim, use_bias=False, rngs=rngs)
        self.q_norm = RMSNorm(config.head_dim, config.norm_eps)
        self.k_norm = RMSNorm(config.head_dim, config.norm_eps)

    def init_cache(self, batch: int, cache_len: int):
        shape = batch, cache_len, self.num_kv_heads, self.head_dim
        self.cached_key = ivy.Cache(ivy.zeros(shape, dtype=ivy.float32))
        self.cached_value = ivy.Cache(ivy.zeros(shape, dtype=ivy.float32))
        self.cache_index = ivy.Cache(ivy.asarray(0, dtype=ivy.int32))

    def __call__(self, x, decode: bool = False):
        batch, length, _ = ivy.shape(x)
        q = ivy.reshape(self.q_proj(x), (batch, length, self.num_heads, self.head_dim))
        k = ivy.reshape(
            self.k_proj(x), (batch, length, self.num_kv_heads, self.head_dim)
        )
        v = ivy.reshape(
            self.v_proj(x), (batch, length, self.num_kv_heads, self.head_dim)
        )
        q = self.q_norm(q)
        k = self.k_norm(k)
        if decode:
            start = self.cache_index.value
        else:
            start = ivy.asarray(0, dtype=ivy.int32)
        positions = start + ivy.arange(length, dtype=ivy.int32)
        sin, cos = rope_tables(self.max_len, self.head_dim, self.rope_theta)
        sin = ivy.dynamic_slice(sin, (start, 0), (length, self.head_dim))
        cos = ivy.dynamic_slice_in_dim(cos, start, length, 0)
        q = apply_rope(q, sin, cos)
        k = apply_rope(k, sin, cos)
        if decode:
            # write this step's keys and values at the cache index, then attend to the whole cache
            self.cached_key.value = ivy.dynamic_update_slice(
                self.cached_key.value, k, (0, start, 0, 0)
            )
            self.cached_value[...] = ivy.dynamic_update_slice_in_dim(
                self.cached_value[...], v, start, 1
            )
            self.cache_index.value = self.cache_index.value + length
            k = self.cached_key.value
            v = self.cached_value.value
        # a query at position p sees the keys at positions <= p (in decode mode, the filled part of the cache)
        key_positions = ivy.arange(ivy.shape(k)[1], dtype=ivy.int32)
        mask = key_positions[None, :] <= positions[:, None]
        groups = self.num_heads // self.num_kv_heads
        k = ivy.repeat(k, groups, axis=2)
        v = ivy.repeat(v, groups, axis=2)
        logits = ivy.einsum("bqhd,bkhd->bhqk", q, k) * self.head_dim**-0.5
        logits = ivy.where(mask[None, None, :, :], logits, ivy.finfo(ivy.float32).min)
        weights = ivy.softmax(logits)
        out = ivy.reshape(
            ivy.einsum("bhqk,bkhd->bqhd", weights, v),
            (batch, length, self.num_heads * self.head_dim),
        )
        return self.o_proj(out)


class MLP(ivy.Module):
    def __init__(self, config: QwenConfig, *, rngs):
        self.gate_proj = ivy.Linear(
            config.dim, config.hidden_dim, use_bias=False, rngs=rngs
        )
        self.up_proj = ivy.Linear(
            config.dim, config.hidden_dim, use_bias=False, rngs=rngs
        )
        self.down_proj = ivy.Linear(
            config.hidden_dim, config.dim, use_bias=False, rngs=rngs
        )

    def __call__(self, x):
        return self.down_proj(ivy.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(ivy.Module):
    def __init__(self, config: QwenConfig, *, rngs):
        self.input_norm = RMSNorm(config.dim, config.norm_eps)
        self.attn = Attention(config, rngs=rngs)
        self.post_attention_norm = RMSNorm(config.dim, config.norm_eps)
        self.mlp = MLP(config, rngs=rngs)

    def __call__(self, x, decode: bool = False):
        x = x + self.attn(self.input_norm(x), decode=decode)
        return x + self.mlp(self.post_attention_norm(x))


class QwenDecoder(ivy.Module):
    def __init__(self, config: QwenConfig, *, rngs):
        self.config = config
        self.embed = ivy.Embed(config.vocab_size, config.dim, rngs=rngs)
        self.layers = ivy.List(
            [DecoderLayer(config, rngs=rngs) for _ in range(config.num_layers)]
        )
        self.norm = RMSNorm(config.dim, config.norm_eps)
        self.lm_head = ivy.Linear(
            config.dim, config.vocab_size, use_bias=False, rngs=rngs
        )

    def init_cache(self, batch: int, cache_len: int):
        for layer in self.layers:
            layer.attn.init_cache(batch, cache_len)

    def __call__(self, tokens, decode: bool = False):
        x = self.embed(tokens)
        for layer in self.layers:
            x = layer(x, decode=decode)
        return self.lm_head(self.norm(x))


def generate(model: QwenDecoder, prompt, steps: int):
    """Greedy decoding: a prefill of the prompt, then one token per step from the cache."""
    model.init_cache(ivy.shape(prompt)[0], ivy.shape(prompt)[1] + steps)
    logits = model(prompt, decode=True)
    generated = []
    for _ in range(steps):
        next_token = ivy.astype(ivy.argmax(logits[:, -1, :], axis=-1), ivy.int32)
        generated.append(next_token)
        logits = model(next_token[:, None], decode=True)
    return ivy.stack(generated, axis=1), logits
