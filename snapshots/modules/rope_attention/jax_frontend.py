"""A Gemma-style decoder whose int32 positions travel through calls: made in the model's `__call__`, passed
through each block and its attention into `apply_rope`, where they meet float32 frequencies (JAX promotes
int32 * float32 to float32), and into `causal_mask`, where they are compared."""

import dataclasses

import jax_frontend


@dataclasses.dataclass(frozen=True)
class RopeConfig:
    vocab_size: int = 19
    dim: int = 16
    num_heads: int = 2
    head_dim: int = 8
    hidden_dim: int = 24
    num_layers: int = 2
    norm_eps: float = 1e-6


def apply_rope(x, positions, max_wavelength=10_000):
    # x: (batch, length, heads, head_dim); positions: (batch, length) ints
    freq = 1.0 / max_wavelength ** (
        2
        * jax_frontend.numpy.arange(jax_frontend.Array.shape(x)[-1] // 2)
        / jax_frontend.Array.shape(x)[-1]
    )
    t = positions[..., None] * freq
    sin, cos = (
        jax_frontend.numpy.sin(t)[..., None, :],
        jax_frontend.numpy.cos(t)[..., None, :],
    )
    first, second = jax_frontend.numpy.split(x, 2, axis=-1)
    return jax_frontend.numpy.concatenate(
        [first * cos - second * sin, second * cos + first * sin], axis=-1
    )


def causal_mask(positions):
    # a query at position p sees the keys at positions <= p: (batch, 1, length, length)
    return positions[:, None, :, None] >= positions[:, None, None, :]


class RMSNorm(jax_frontend.nnx.Module):
    def __init__(self, dim: int, eps: float):
        self.eps = eps
        self.scale = jax_frontend.nnx.Param(jax_frontend.numpy.zeros((dim,)))

    def __call__(self, x):
        variance = jax_frontend.numpy.mean(
            jax_frontend.numpy.square(x), axis=-1, keepdims=True
        )
        return x * jax_frontend.lax.rsqrt(variance + self.eps) * (1 + self.scale[...])


class Attention(jax_frontend.nnx.Module):
    def __init__(self, cfg: RopeConfig, *, rngs):
        self.cfg = cfg
        features = cfg.num_heads * cfg.head_dim
        self.qkv = jax_frontend.nnx.Linear(
            cfg.dim, 3 * features, use_bias=False, rngs=rngs
        )
        self.out = jax_frontend.nnx.Linear(features, cfg.dim, use_bias=False, rngs=rngs)

    def __call__(self, x, positions):
        batch, length, _ = jax_frontend.Array.shape(x)
        qkv = jax_frontend.Array.reshape(
            self.qkv(x), batch, length, 3, self.cfg.num_heads, self.cfg.head_dim
        )
        q, k, v = qkv[:, :, 0], qkv[:, :, 1], qkv[:, :, 2]
        q = apply_rope(q, positions) * self.cfg.head_dim**-0.5
        k = apply_rope(k, positions)
        logits = jax_frontend.numpy.einsum("bqhd,bkhd->bhqk", q, k)
        logits = jax_frontend.numpy.where(
            causal_mask(positions),
            logits,
            jax_frontend.numpy.finfo(jax_frontend.numpy.float32).min,
        )
        weights = jax_frontend.nn.softmax(logits, axis=-1)
        out = jax_frontend.numpy.einsum("bhqk,bkhd->bqhd", weights, v)
        return self.out(jax_frontend.Array.reshape(out, batch, length, -1))


class Block(jax_frontend.nnx.Module):
    def __init__(self, cfg: RopeConfig, *, rngs):
        self.attn_norm = RMSNorm(cfg.dim, cfg.norm_eps)
        self.attn = Attention(cfg, rngs=rngs)
        self.mlp_norm = RMSNorm(cfg.dim, cfg.norm_eps)
        self.up = jax_frontend.nnx.Linear(cfg.dim, 2 * cfg.hidden_dim, rngs=rngs)
        self.down = jax_frontend.nnx.Linear(cfg.hidden_dim, cfg.dim, rngs=rngs)

    def __call__(self, x, positions):
        x = x + self.attn(self.attn_norm(x), positions)
        gate, up = jax_frontend.numpy.split(self.up(self.mlp_norm(x)), 2, axis=-1)
        return x + self.down(jax_frontend.nn.gelu(gate) * up)


class RopeDecoder(jax_frontend.nnx.Module):
    def __init__(self, cfg: RopeConfig, *, rngs):
        self.cfg = cfg
        self.embed = jax_frontend.nnx.Embed(cfg.vocab_size, cfg.dim, rngs=rngs)
        self.layers = jax_frontend.nnx.List(
            [Block(cfg, rngs=rngs) for _ in range(cfg.num_layers)]
        )
        self.norm = RMSNorm(cfg.dim, cfg.norm_eps)

    def __call__(self, tokens):
        positions = jax_frontend.numpy.arange(jax_frontend.Array.shape(tokens)[1])[
            None, :
        ]
        x = self.embed(tokens) * self.cfg.dim**0.5
        for layer in self.layers:
            x = layer(x, positions)
        return self.embed.attend(self.norm(x))
