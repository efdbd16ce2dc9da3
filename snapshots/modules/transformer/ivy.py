"""A small decoder-only transformer: token and position embeddings, causal self-attention blocks, tied output."""

import ivy


def causal_mask(length: int):
    return ivy.tril(ivy.ones((length, length), dtype=ivy.bool_))


class SelfAttention(ivy.Module):
    def __init__(self, dim: int, heads: int, *, rngs):
        self.heads = heads
        self.head_dim = dim // heads
        self.qkv = ivy.Linear(dim, 3 * dim, use_bias=False, rngs=rngs)
        self.out = ivy.Linear(dim, dim, rngs=rngs)

    def split_heads(self, x):
        batch, length, _ = ivy.shape(x)
        x = ivy.reshape(x, (batch, length, self.heads, self.head_dim))
        return ivy.transpose(x, axes=(0, 2, 1, 3))

    def __call__(self, x):
        batch, length, dim = ivy.shape(x)
        q, k, v = ivy.split(self.qkv(x), 3, axis=-1)
        q, k, v = self.split_heads(q), self.split_heads(k), self.split_heads(v)
        logits = ivy.einsum("bhqd,bhkd->bhqk", q, k) / ivy.sqrt(
            ivy.asarray(self.head_dim, dtype=ivy.float32)
        )
        logits = ivy.where(causal_mask(length)[None, None], logits, -1e9)
        weights = ivy.softmax(logits)
        y = ivy.einsum("bhqk,bhkd->bhqd", weights, v)
        y = ivy.reshape(ivy.transpose(y, axes=(0, 2, 1, 3)), (batch, length, dim))
        return self.out(y)


class Block(ivy.Module):
    def __init__(self, dim: int, heads: int, *, rngs):
        self.norm1 = ivy.LayerNorm(dim, rngs=rngs)
        self.attention = SelfAttention(dim, heads, rngs=rngs)
        self.norm2 = ivy.LayerNorm(dim, rngs=rngs)
        self.mlp = ivy.Sequential(
            ivy.Linear(dim, 4 * dim, rngs=rngs),
            lambda x: ivy.gelu(x),
            ivy.Linear(4 * dim, dim, rngs=rngs),
        )

    def __call__(self, x):
        x = x + self.attention(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class Transformer(ivy.Module):
    def __init__(
        self, vocab: int, dim: int, heads: int, depth: int, max_len: int, *, rngs
    ):
        self.tokens = ivy.Embed(vocab, dim, rngs=rngs)
        self.positions = ivy.Param(
            ivy.random_normal(rngs.params(), (max_len, dim), dtype=ivy.float32) * 0.02
        )
        self.blocks = ivy.List([Block(dim, heads, rngs=rngs) for _ in range(depth)])
        self.norm = ivy.LayerNorm(dim, rngs=rngs)

    def __call__(self, ids):
        x = self.tokens(ids) + self.positions[...][: ivy.shape(ids)[1]]
        for block in self.blocks:
            x = block(x)
        return self.tokens.attend(self.norm(x))


def next_token_loss(model, ids):
    logits = model(ids[:, :-1])
    log_probs = ivy.log_softmax(logits)
    targets = ivy.one_hot(ids[:, 1:], ivy.shape(logits)[-1], dtype=ivy.float32)
    return -ivy.mean(ivy.sum(targets * log_probs, axis=-1))
