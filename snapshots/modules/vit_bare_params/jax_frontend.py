"""A small ViT as Flax NNX users write one: a config dataclass, a patch Conv, a class token and position
embedding read as bare nnx.Params (`x + self.pos`), an nnx.List of attention blocks."""

from dataclasses import dataclass

import jax_frontend


@dataclass(frozen=True)
class ViTConfig:
    image_size: int = 16
    patch_size: int = 4
    channels: int = 3
    dim: int = 32
    depth: int = 2
    heads: int = 4
    mlp_ratio: float = 2.0
    num_classes: int = 10
    dropout: float = 0.0


class PatchEmbed(jax_frontend.nnx.Module):
    def __init__(self, cfg: ViTConfig, *, rngs):
        self.proj = jax_frontend.nnx.Conv(
            cfg.channels,
            cfg.dim,
            kernel_size=(cfg.patch_size, cfg.patch_size),
            strides=(cfg.patch_size, cfg.patch_size),
            padding="VALID",
            rngs=rngs,
        )

    def __call__(self, x):
        x = self.proj(x)
        b, h, w, c = jax_frontend.Array.shape(x)
        return jax_frontend.Array.reshape(x, b, h * w, c)


class MLP(jax_frontend.nnx.Module):
    def __init__(self, dim: int, hidden: int, *, rngs):
        self.fc1 = jax_frontend.nnx.Linear(dim, hidden, rngs=rngs)
        self.fc2 = jax_frontend.nnx.Linear(hidden, dim, rngs=rngs)

    def __call__(self, x):
        return self.fc2(jax_frontend.nn.gelu(self.fc1(x), approximate=False))


class Block(jax_frontend.nnx.Module):
    def __init__(self, cfg: ViTConfig, *, rngs):
        self.norm1 = jax_frontend.nnx.LayerNorm(cfg.dim, epsilon=1e-6, rngs=rngs)
        self.attn = jax_frontend.nnx.MultiHeadAttention(
            num_heads=cfg.heads, in_features=cfg.dim, decode=False, rngs=rngs
        )
        self.norm2 = jax_frontend.nnx.LayerNorm(cfg.dim, epsilon=1e-6, rngs=rngs)
        self.mlp = MLP(cfg.dim, int(cfg.dim * cfg.mlp_ratio), rngs=rngs)

    def __call__(self, x, attention_mask=None):
        y = self.norm1(x)
        x = x + self.attn(y, y, y, mask=attention_mask)
        return x + self.mlp(self.norm2(x))


class ViT(jax_frontend.nnx.Module):
    def __init__(self, cfg: ViTConfig | None = None, *, rngs):
        cfg = cfg or ViTConfig()
        self.cfg = cfg
        self.patch = PatchEmbed(cfg, rngs=rngs)
        n = (cfg.image_size // cfg.patch_size) ** 2
        self.cls = jax_frontend.nnx.Param(jax_frontend.numpy.zeros((1, 1, cfg.dim)))
        self.pos = jax_frontend.nnx.Param(
            jax_frontend.random.normal(rngs.params(), (1, n + 1, cfg.dim)) * 0.02
        )
        self.blocks = jax_frontend.nnx.List(
            [Block(cfg, rngs=rngs) for _ in range(cfg.depth)]
        )
        self.norm = jax_frontend.nnx.LayerNorm(cfg.dim, rngs=rngs)
        self.head = jax_frontend.nnx.Linear(cfg.dim, cfg.num_classes, rngs=rngs)

    def __call__(self, images):
        x = self.patch(images)
        cls = jax_frontend.numpy.broadcast_to(
            self.cls.value,
            (jax_frontend.Array.shape(x)[0], 1, jax_frontend.Array.shape(x)[-1]),
        )
        x = jax_frontend.numpy.concatenate([cls, x], axis=1) + self.pos
        for blk in self.blocks:
            x = blk(x)
        x = self.norm(x)
        return self.head(x[:, 0])


def predict(model: ViT, images):
    logits = model(images)
    return jax_frontend.numpy.argmax(logits, axis=-1), jax_frontend.nn.softmax(logits)
