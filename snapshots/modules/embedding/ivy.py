"""A tiny language model with tied input/output embeddings (Embed.attend)."""

import ivy


class TiedLM(ivy.Module):
    def __init__(self, vocab: int, features: int, *, rngs):
        self.embed = ivy.Embed(vocab, features, rngs=rngs)
        self.norm = ivy.LayerNorm(features, epsilon=1e-5, rngs=rngs)
        self.proj = ivy.Linear(features, features, use_bias=False, rngs=rngs)

    def __call__(self, tokens):
        h = self.embed(tokens)
        h = h + ivy.silu(self.proj(self.norm(h)))
        return self.embed.attend(h)


def next_token_logits(model, tokens):
    logits = model(tokens)
    return logits[:, -1, :]
