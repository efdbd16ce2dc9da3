"""Flax's scan over layers: blocks built under nnx.vmap (one Module whose parameters have a
leading layer axis) and applied with nnx.scan, the layer count from a config dataclass."""

import dataclasses

import jax_frontend


@dataclasses.dataclass(frozen=True)
class StackConfig:
    dim: int = 8
    hidden: int = 16
    num_layers: int = 3
    num_heads: int = 2
    dropout_rate: float = 0.1


class Block(jax_frontend.nnx.Module):
    """A pre-norm residual block: self-attention, then an MLP."""

    def __init__(self, cfg: StackConfig, *, rngs):
        self.norm1 = jax_frontend.nnx.LayerNorm(cfg.dim, rngs=rngs)
        self.attention = jax_frontend.nnx.MultiHeadAttention(
            cfg.num_heads, cfg.dim, decode=False, rngs=rngs
        )
        self.norm2 = jax_frontend.nnx.LayerNorm(cfg.dim, rngs=rngs)
        self.up = jax_frontend.nnx.Linear(cfg.dim, cfg.hidden, rngs=rngs)
        self.down = jax_frontend.nnx.Linear(cfg.hidden, cfg.dim, rngs=rngs)
        self.dropout = jax_frontend.nnx.Dropout(
            cfg.dropout_rate, deterministic=True, rngs=rngs
        )

    def __call__(self, x):
        h = self.norm1(x)
        x = x + self.attention(h, h, h)
        h = jax_frontend.nn.gelu(self.up(self.norm2(x)))
        return x + self.dropout(self.down(h))


class ScannedStack(jax_frontend.nnx.Module):
    def __init__(self, cfg: StackConfig, *, rngs):
        self.embed = jax_frontend.nnx.Linear(4, cfg.dim, rngs=rngs)

        def create_blocks(rngs):
            return jax_frontend.nnx.List(
                [Block(cfg, rngs=rngs) for _ in range(cfg.num_layers)]
            )

        self.blocks = create_blocks(rngs)
        # the lambda form, counted by axis_size: one gate vector per layer
        self.gates = jax_frontend.nnx.List(
            [
                jax_frontend.nnx.Linear(cfg.dim, 1, rngs=rngs)
                for _ in range(cfg.num_layers)
            ],
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
                score = jax_frontend.nn.sigmoid(gate(h))
                h, y = h * score * scale, jax_frontend.numpy.mean(score, axis=(-2, -1))
                ys.append(y)
            return h, jax_frontend.numpy.stack(ys)

        x, scores = gated(x, self.gates, 2.0)
        # (layer, batch) -> (batch, layer): batch first, as Keras' fit takes outputs
        return x, jax_frontend.Array.T(scores)
