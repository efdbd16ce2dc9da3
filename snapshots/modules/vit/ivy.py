"""A small Vision Transformer (ViT) classifier.

Patches come from a strided convolution; a class token and learned position
embeddings are added before a stack of pre-norm encoder blocks. The position
embeddings are learned for the training resolution and interpolated
(bilinearly, as in DeiT and timm) when an image of another size comes in.
Images may be zero-padded on the bottom and right: patches that are all zeros
are left out of the attention-pooled summary.
"""

import dataclasses

import ivy


@dataclasses.dataclass(frozen=True)
class ViTConfig:
    # the training resolution, which the position embeddings are learned for
    image_size: int = 8
    patch_size: int = 4
    in_channels: int = 3
    dim: int = 16
    depth: int = 2
    heads: int = 4
    mlp_ratio: int = 2
    num_classes: int = 5
    layer_norm_eps: float = 1e-6

    @property
    def grid(self) -> int:
        return self.image_size // self.patch_size


def resize_position_embeddings(pos_embed, grid: int, new_h: int, new_w: int):
    """Interpolates (1, 1 + grid * grid, dim) position embeddings to a new_h x new_w grid."""
    cls_pos, patch_pos = pos_embed[:, :1], pos_embed[:, 1:]
    dim = ivy.shape(patch_pos)[-1]
    patch_pos = ivy.reshape(patch_pos, (1, grid, grid, dim))
    patch_pos = ivy.resize(patch_pos, (1, new_h, new_w, dim), method="bilinear")
    patch_pos = ivy.reshape(patch_pos, (1, new_h * new_w, dim))
    return ivy.concatenate([cls_pos, patch_pos], axis=1)


def non_padding_patches(images, patch_size: int):
    """(batch, patches) True where a patch has a non-zero pixel."""
    batch, height, width, channels = ivy.shape(images)
    patches = ivy.reshape(
        images,
        (
            batch,
            height // patch_size,
            patch_size,
            width // patch_size,
            patch_size,
            channels,
        ),
    )
    energy = ivy.sum(ivy.abs(patches), axis=(2, 4, 5))
    return ivy.reshape(energy, (batch, -1)) > 0.0


class PatchEmbed(ivy.Module):
    def __init__(self, cfg: ViTConfig, *, rngs):
        patch = cfg.patch_size, cfg.patch_size
        self.proj = ivy.Conv(
            cfg.in_channels, cfg.dim, patch, strides=patch, padding="VALID", rngs=rngs
        )

    def __call__(self, images):
        x = self.proj(images)  # (batch, grid_h, grid_w, dim)
        batch, grid_h, grid_w, dim = ivy.shape(x)
        return ivy.reshape(x, (batch, grid_h * grid_w, dim)), grid_h, grid_w


class Mlp(ivy.Module):
    def __init__(self, dim: int, hidden: int, *, rngs):
        self.fc1 = ivy.Linear(dim, hidden, rngs=rngs)
        self.fc2 = ivy.Linear(hidden, dim, rngs=rngs)

    def __call__(self, x):
        return self.fc2(ivy.gelu(self.fc1(x)))


class EncoderBlock(ivy.Module):
    """Pre-norm: x + attn(norm(x)), then x + mlp(norm(x))."""

    def __init__(self, cfg: ViTConfig, *, rngs):
        self.norm1 = ivy.LayerNorm(cfg.dim, epsilon=cfg.layer_norm_eps, rngs=rngs)
        self.attn = ivy.MultiHeadAttention(cfg.heads, cfg.dim, decode=False, rngs=rngs)
        self.norm2 = ivy.LayerNorm(cfg.dim, epsilon=cfg.layer_norm_eps, rngs=rngs)
        self.mlp = Mlp(cfg.dim, cfg.dim * cfg.mlp_ratio, rngs=rngs)

    def __call__(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class AttentionPool(ivy.Module):
    """One learned query attending over the patch tokens; padding patches get no weight."""

    def __init__(self, dim: int, *, rngs):
        self.probe = ivy.Param(
            ivy.random_normal(rngs.params(), (dim,), dtype=ivy.float32) * 0.02
        )
        self.key = ivy.Linear(dim, dim, rngs=rngs)

    def __call__(self, tokens, keep):
        scale = 1.0 / ivy.sqrt(ivy.asarray(ivy.shape(tokens)[-1], dtype=ivy.float32))
        logits = ivy.einsum("btd,d->bt", self.key(tokens), self.probe[...]) * scale
        logits = ivy.where(keep, logits, ivy.finfo(ivy.dtype(logits)).min)
        weights = ivy.softmax(logits)
        return ivy.einsum("bt,btd->bd", weights, tokens)


class VisionTransformer(ivy.Module):
    def __init__(self, cfg: ViTConfig, *, rngs):
        self.patch_size = cfg.patch_size
        self.grid = cfg.grid
        self.patch_embed = PatchEmbed(cfg, rngs=rngs)
        self.cls_token = ivy.Param(ivy.zeros((1, 1, cfg.dim), dtype=ivy.float32))
        num_tokens = 1 + cfg.grid * cfg.grid
        self.pos_embed = ivy.Param(
            ivy.random_normal(
                rngs.params(), (1, num_tokens, cfg.dim), dtype=ivy.float32
            )
            * 0.02,
        )
        self.blocks = ivy.List([EncoderBlock(cfg, rngs=rngs) for _ in range(cfg.depth)])
        self.norm = ivy.LayerNorm(cfg.dim, epsilon=cfg.layer_norm_eps, rngs=rngs)
        self.pool = AttentionPool(cfg.dim, rngs=rngs)
        self.head = ivy.Linear(2 * cfg.dim, cfg.num_classes, rngs=rngs)

    def position_embeddings(self, grid_h: int, grid_w: int):
        pos_embed = self.pos_embed[...]
        if grid_h == self.grid and grid_w == self.grid:
            return pos_embed
        return resize_position_embeddings(pos_embed, self.grid, grid_h, grid_w)

    def __call__(self, images):
        x, grid_h, grid_w = self.patch_embed(images)
        batch, _, dim = ivy.shape(x)
        cls = ivy.broadcast_to(self.cls_token[...], (batch, 1, dim))
        x = ivy.concatenate([cls, x], axis=1) + self.position_embeddings(grid_h, grid_w)
        for block in self.blocks:
            x = block(x)
        x = self.norm(x)
        keep = non_padding_patches(images, self.patch_size)
        pooled = self.pool(x[:, 1:], keep)
        return self.head(ivy.concatenate([x[:, 0], pooled], axis=-1))


def predict(model, images):
    """Class probabilities."""
    return ivy.softmax(model(images))
