"""A small ViT as Flax NNX users write one: a config dataclass, a patch Conv, a class token and position
embedding read as bare nnx.Params (`x + self.pos`), an nnx.List of attention blocks."""

from dataclasses import dataclass

import ivy


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


class PatchEmbed(ivy.Module):
    def __init__(self, cfg: ViTConfig, *, rngs):
        self.proj = ivy.Conv(
            cfg.channels,
            cfg.dim,
            (cfg.patch_size, cfg.patch_size),
            strides=(cfg.patch_size, cfg.patch_size),
            padding="VALID",
            rngs=rngs,
        )

    def __call__(self, x):
        x = self.proj(x)
        b, h, w, c = ivy.shape(x)
        return ivy.reshape(x, (b, h * w, c))


class MLP(ivy.Module):
    def __init__(self, dim: int, hidden: int, *, rngs):
        self.fc1 = ivy.Linear(dim, hidden, rngs=rngs)
        self.fc2 = ivy.Linear(hidden, dim, rngs=rngs)

    def __call__(self, x):
        return self.fc2(ivy.gelu(self.fc1(x), approximate=False))


class Block(ivy.Module):
    def __init__(self, cfg: ViTConfig, *, rngs):
        self.norm1 = ivy.LayerNorm(cfg.dim, epsilon=1e-6, rngs=rngs)
        self.attn = ivy.MultiHeadAttention(cfg.heads, cfg.dim, decode=False, rngs=rngs)
        self.norm2 = ivy.LayerNorm(cfg.dim, epsilon=1e-6, rngs=rngs)
        self.mlp = MLP(cfg.dim, int(cfg.dim * cfg.mlp_ratio), rngs=rngs)

    def __call__(self, x, attention_mask=None):
        y = self.norm1(x)
        x = x + self.attn(y, y, y, mask=attention_mask)
        return x + self.mlp(self.norm2(x))


class ViT(ivy.Module):
    def __init__(self, cfg: ViTConfig | None = None, *, rngs):
        cfg = cfg or ViTConfig()
        self.cfg = cfg
        self.patch = PatchEmbed(cfg, rngs=rngs)
        n = (cfg.image_size // cfg.patch_size) ** 2
        self.cls = ivy.Param(ivy.zeros((1, 1, cfg.dim), dtype=ivy.float32))
        self.pos = ivy.Param(
            ivy.random_normal(rngs.params(), (1, n + 1, cfg.dim), dtype=ivy.float32)
            * 0.02,
        )
        self.blocks = ivy.List([Block(cfg, rngs=rngs) for _ in range(cfg.depth)])
        self.norm = ivy.LayerNorm(cfg.dim, rngs=rngs)
        self.head = ivy.Linear(cfg.dim, cfg.num_classes, rngs=rngs)

    def __call__(self, images):
        x = self.patch(images)
        cls = ivy.broadcast_to(self.cls.value, (ivy.shape(x)[0], 1, ivy.shape(x)[-1]))
        x = ivy.concatenate([cls, x], axis=1) + self.pos
        for blk in self.blocks:
            x = blk(x)
        x = self.norm(x)
        return self.head(x[:, 0])


def predict(model: ViT, images):
    logits = model(images)
    return ivy.argmax(logits, axis=-1), ivy.softmax(logits)
