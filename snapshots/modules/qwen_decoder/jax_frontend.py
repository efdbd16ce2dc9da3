"""A Qwen3-style decoder: RMSNorm, rotary embeddings, grouped-query attention with q/k norms, a SwiGLU MLP,
and a KV cache per layer for greedy decoding, one token at a time."""

import dataclasses

import jax_frontend


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


class RMSNorm(jax_frontend.nnx.Module):
    """Root-mean-square norm with a learned scale, as Qwen3 writes it."""

    def __init__(self, dim: int, eps: float = 1e-6):
        self.eps = eps
        self.scale = jax_frontend.nnx.Param(
            jax_frontend.numpy.ones((dim,), dtype=jax_frontend.numpy.float32)
        )

    def __call__(self, x):
        variance = jax_frontend.numpy.mean(
            jax_frontend.numpy.square(x), axis=-1, keepdims=True
        )
        return x * jax_frontend.lax.rsqrt(variance + self.eps) * self.scale.value


def rope_tables(max_len: int, head_dim: int, theta: float):
    # (max_len, head_dim) sin and cos tables; the second half repeats the first.
    exponents = (
        jax_frontend.numpy.arange(0, head_dim, 2, dtype=jax_frontend.numpy.float32)
        / head_dim
    )
    inv_freq = 1.0 / theta**exponents
    angles = (
        jax_frontend.numpy.arange(max_len, dtype=jax_frontend.numpy.float32)[:, None]
        * inv_freq[None, :]
    )
    angles = jax_frontend.numpy.concatenate([angles, angles], axis=-1)
    return jax_frontend.numpy.sin(angles), jax_frontend.numpy.cos(angles)


def rotate_half(x):
    half = jax_frontend.Array.shape(x)[-1] // 2
    return jax_frontend.numpy.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def apply_rope(x, sin, cos):
    # x: (batch, length, heads, head_dim); sin, cos: (length, head_dim)
    return x * cos[None, :, None, :] + rotate_half(x) * sin[None, :, None, :]


class Attention(jax_frontend.nnx.Module):
    def __init__(self, config: QwenConfig, *, rngs):
        self.num_heads = config.num_heads
        self.num_kv_heads = config.num_kv_heads
        self.head_dim = config.head_dim
        self.max_len = config.max_len
        self.rope_theta = config.rope_theta
        q_features = config.num_heads * config.head_dim
        kv_features = config.num_kv_heads * config.head_dim
        self.q_proj = jax_frontend.nnx.Linear(
            config.dim, q_features, use_bias=False, rngs=rngs
        )
        self.k_proj = jax_frontend.nnx.Linear(
            config.dim, kv_features, use_bias=False, rngs=rngs
        )
        self.v_proj = jax_frontend.nnx.Linear(
            config.dim, kv_features, use_bias=False, rngs=rngs
        )
        self.o_proj = jax_frontend.nnx.Linear(
            q_features, config.dim, use_bias=False, rngs=rngs
        )
        self.q_norm = RMSNorm(config.head_dim, config.norm_eps)
        self.k_norm = RMSNorm(config.head_dim, config.norm_eps)

    def init_cache(self, batch: int, cache_len: int):
        shape = batch, cache_len, self.num_kv_heads, self.head_dim
        self.cached_key = jax_frontend.nnx.Cache(
            jax_frontend.numpy.zeros(shape, dtype=jax_frontend.numpy.float32)
        )
        self.cached_value = jax_frontend.nnx.Cache(
            jax_frontend.numpy.zeros(shape, dtype=jax_frontend.numpy.float32)
        )
        self.cache_index = jax_frontend.nnx.Cache(
            jax_frontend.numpy.array(0, dtype=jax_frontend.numpy.int32)
        )

    def __call__(self, x, decode: bool = False):
        batch, length, _ = jax_frontend.Array.shape(x)
        q = jax_frontend.Array.reshape(
            self.q_proj(x), batch, length, self.num_heads, self.head_dim
        )
        k = jax_frontend.Array.reshape(
            self.k_proj(x), batch, length, self.num_kv_heads, self.head_dim
        )
        v = jax_frontend.Array.reshape(
            self.v_proj(x), batch, length, self.num_kv_heads, self.head_dim
        )
        q = self.q_norm(q)
        k = self.k_norm(k)
        if decode:
            start = self.cache_index.value
        else:
            start = jax_frontend.numpy.array(0, dtype=jax_frontend.numpy.int32)
        positions = start + jax_frontend.numpy.arange(length)
        sin, cos = rope_tables(self.max_len, self.head_dim, self.rope_theta)
        sin = jax_frontend.lax.dynamic_slice(sin, (start, 0), (length, self.head_dim))
        cos = jax_frontend.lax.dynamic_slice_in_dim(cos, start, length, axis=0)
        q = apply_rope(q, sin, cos)
        k = apply_rope(k, sin, cos)
        if decode:
            # write this step's keys and values at the cache index, then attend to the whole cache
            self.cached_key.value = jax_frontend.lax.dynamic_update_slice(
                self.cached_key.value, k, (0, start, 0, 0)
            )
            self.cached_value[...] = jax_frontend.lax.dynamic_update_slice_in_dim(
                self.cached_value[...], v, start, axis=1
            )
            self.cache_index.value = self.cache_index.value + length
            k = self.cached_key.value
            v = self.cached_value.value
        # a query at position p sees the keys at positions <= p (in decode mode, the filled part of the cache)
        key_positions = jax_frontend.numpy.arange(jax_frontend.Array.shape(k)[1])
        mask = key_positions[None, :] <= positions[:, None]
        groups = self.num_heads // self.num_kv_heads
        k = jax_frontend.numpy.repeat(k, groups, axis=2)
        v = jax_frontend.numpy.repeat(v, groups, axis=2)
        logits = (
            jax_frontend.numpy.einsum("bqhd,bkhd->bhqk", q, k) * self.head_dim**-0.5
        )
        logits = jax_frontend.numpy.where(
            mask[None, None, :, :],
            logits,
            jax_frontend.numpy.finfo(jax_frontend.numpy.float32).min,
        )
        weights = jax_frontend.nn.softmax(logits, axis=-1)
        out = jax_frontend.Array.reshape(
            jax_frontend.numpy.einsum("bhqk,bkhd->bqhd", weights, v),
            batch,
            length,
            self.num_heads * self.head_dim,
        )
        return self.o_proj(out)


class MLP(jax_frontend.nnx.Module):
    def __init__(self, config: QwenConfig, *, rngs):
        self.gate_proj = jax_frontend.nnx.Linear(
            config.dim, config.hidden_dim, use_bias=False, rngs=rngs
        )
        self.up_proj = jax_frontend.nnx.Linear(
            config.dim, config.hidden_dim, use_bias=False, rngs=rngs
        )
        self.down_proj = jax_frontend.nnx.Linear(
            config.hidden_dim, config.dim, use_bias=False, rngs=rngs
        )

    def __call__(self, x):
        return self.down_proj(jax_frontend.nn.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(jax_frontend.nnx.Module):
    def __init__(self, config: QwenConfig, *, rngs):
        self.input_norm = RMSNorm(config.dim, config.norm_eps)
        self.attn = Attention(config, rngs=rngs)
        self.post_attention_norm = RMSNorm(config.dim, config.norm_eps)
        self.mlp = MLP(config, rngs=rngs)

    def __call__(self, x, decode: bool = False):
        x = x + self.attn(self.input_norm(x), decode=decode)
        return x + self.mlp(self.post_attention_norm(x))


class QwenDecoder(jax_frontend.nnx.Module):
    def __init__(self, config: QwenConfig, *, rngs):
        self.config = config
        self.embed = jax_frontend.nnx.Embed(config.vocab_size, config.dim, rngs=rngs)
        self.layers = jax_frontend.nnx.List(
            [DecoderLayer(config, rngs=rngs) for _ in range(config.num_layers)]
        )
        self.norm = RMSNorm(config.dim, config.norm_eps)
        self.lm_head = jax_frontend.nnx.Linear(
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
    model.init_cache(
        jax_frontend.Array.shape(prompt)[0], jax_frontend.Array.shape(prompt)[1] + steps
    )
    logits = model(prompt, decode=True)
    generated = []
    for _ in range(steps):
        next_token = jax_frontend.Array.astype(
            jax_frontend.numpy.argmax(logits[:, -1, :], axis=-1),
            jax_frontend.numpy.int32,
        )
        generated.append(next_token)
        logits = model(next_token[:, None], decode=True)
    return jax_frontend.numpy.stack(generated, axis=1), logits
