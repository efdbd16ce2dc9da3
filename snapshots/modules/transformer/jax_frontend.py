"""A small decoder-only transformer: token and position embeddings, causal self-attention blocks, tied output."""

import jax_frontend


def causal_mask(length: int):
    return jax_frontend.numpy.tril(
        jax_frontend.numpy.ones((length, length), dtype=jax_frontend.numpy.bool_)
    )


class SelfAttention(jax_frontend.nnx.Module):
    def __init__(self, dim: int, heads: int, *, rngs):
        self.heads = heads
        self.head_dim = dim // heads
        self.qkv = jax_frontend.nnx.Linear(dim, 3 * dim, use_bias=False, rngs=rngs)
        self.out = jax_frontend.nnx.Linear(dim, dim, rngs=rngs)

    def split_heads(self, x):
        batch, length, _ = jax_frontend.Array.shape(x)
        x = jax_frontend.Array.reshape(x, batch, length, self.heads, self.head_dim)
        return jax_frontend.numpy.transpose(x, (0, 2, 1, 3))

    def __call__(self, x):
        batch, length, dim = jax_frontend.Array.shape(x)
        q, k, v = jax_frontend.numpy.split(self.qkv(x), 3, axis=-1)
        q, k, v = self.split_heads(q), self.split_heads(k), self.split_heads(v)
        logits = jax_frontend.numpy.einsum(
            "bhqd,bhkd->bhqk", q, k
        ) / jax_frontend.numpy.sqrt(
            jax_frontend.numpy.asarray(self.head_dim, dtype=jax_frontend.numpy.float32)
        )
        logits = jax_frontend.numpy.where(causal_mask(length)[None, None], logits, -1e9)
        weights = jax_frontend.nn.softmax(logits, axis=-1)
        y = jax_frontend.numpy.einsum("bhqk,bhkd->bhqd", weights, v)
        y = jax_frontend.Array.reshape(
            jax_frontend.numpy.transpose(y, (0, 2, 1, 3)), batch, length, dim
        )
        return self.out(y)


class Block(jax_frontend.nnx.Module):
    def __init__(self, dim: int, heads: int, *, rngs):
        self.norm1 = jax_frontend.nnx.LayerNorm(dim, rngs=rngs)
        self.attention = SelfAttention(dim, heads, rngs=rngs)
        self.norm2 = jax_frontend.nnx.LayerNorm(dim, rngs=rngs)
        self.mlp = jax_frontend.nnx.Sequential(
            jax_frontend.nnx.Linear(dim, 4 * dim, rngs=rngs),
            jax_frontend.nn.gelu,
            jax_frontend.nnx.Linear(4 * dim, dim, rngs=rngs),
        )

    def __call__(self, x):
        x = x + self.attention(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class Transformer(jax_frontend.nnx.Module):
    def __init__(
        self, vocab: int, dim: int, heads: int, depth: int, max_len: int, *, rngs
    ):
        self.tokens = jax_frontend.nnx.Embed(vocab, dim, rngs=rngs)
        self.positions = jax_frontend.nnx.Param(
            jax_frontend.random.normal(rngs.params(), (max_len, dim)) * 0.02
        )
        self.blocks = jax_frontend.nnx.List(
            [Block(dim, heads, rngs=rngs) for _ in range(depth)]
        )
        self.norm = jax_frontend.nnx.LayerNorm(dim, rngs=rngs)

    def __call__(self, ids):
        x = self.tokens(ids) + self.positions[...][: jax_frontend.Array.shape(ids)[1]]
        for block in self.blocks:
            x = block(x)
        return self.tokens.attend(self.norm(x))


def next_token_loss(model, ids):
    logits = model(ids[:, :-1])
    log_probs = jax_frontend.nn.log_softmax(logits, axis=-1)
    targets = jax_frontend.nn.one_hot(ids[:, 1:], jax_frontend.Array.shape(logits)[-1])
    return -jax_frontend.numpy.mean(
        jax_frontend.numpy.sum(targets * log_probs, axis=-1)
    )
