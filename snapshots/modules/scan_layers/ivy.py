"""Flax's scan over layers: blocks built under nnx.vmap (one Module whose parameters have a
leading layer axis) and applied with nnx.scan, the layer count from a config dataclass."""

import dataclasses

import ivy


@dataclasses.dataclass(frozen=True)
class StackConfig:
    dim: int = 8
    hidden: int = 16
    num_layers: int = 3
    num_heads: int = 2
    dropout_rate: float = 0.1


class Block(ivy.Module):
    """A pre-norm residual block: self-attention, then an MLP."""

    def __init__(self, cfg: StackConfig, *, rngs):
        self.norm1 = ivy.LayerNorm(cfg.dim, rngs=rngs)
        self.attention = ivy.MultiHeadAttention(
            cfg.num_heads, cfg.dim, decode=False, rngs=rngs
        )
        self.norm2 = ivy.LayerNorm(cfg.dim, rngs=rngs)
        self.up = ivy.Linear(cfg.dim, cfg.hidden, rngs=rngs)
        self.down = ivy.Linear(cfg.hidden, cfg.dim, rngs=rngs)
        self.dropout = ivy.Dropout(cfg.dropout_rate, deterministic=True, rngs=rngs)

    def __call__(self, x):
        h = self.norm1(x)
        x = x + self.attention(h, h, h)
        h = ivy.gelu(self.up(self.norm2(x)))
        return x + self.dropout(self.down(h))


class ScannedStack(ivy.Module):
    def __init__(self, cfg: StackConfig, *, rngs):
        self.embed = ivy.Linear(4, cfg.dim, rngs=rngs)

        def create_blocks(rngs):
            return ivy.List([Block(cfg, rngs=rngs) for _ in range(cfg.num_layers)])

        self.blocks = create_blocks(rngs)
        # the lambda form, counted by axis_size: one gate vector per layer
        self.gates = ivy.List(
            [ivy.Linear(cfg.dim, 1, rngs=rngs) for _ in range(cfg.num_layers)]
        )

    def __call__(self, x):
        x = self.embed(x)

        def forward(x, blocks):
            for block in blocks:
                x = block(x)
            return x

        x = forward(x, self.blocks)

        # per-layer outputs stacked: each gate's score of the carry, on the way
        def gated(h, gates, scale: float):
            ys = []
            for gate in gates:
                score = ivy.sigmoid(gate(h))
                h, y = h * score * scale, ivy.mean(score, axis=(-2, -1))
                ys.append(y)
            return h, ivy.stack(ys)

        x, scores = gated(x, self.gates, 2.0)
        # (layer, batch) -> (batch, layer): batch first, as Keras' fit takes outputs
        return x, ivy.transpose(scores)
