"""A tiny language model with tied input/output embeddings (Embed.attend)."""

import jax_frontend


class TiedLM(jax_frontend.nnx.Module):
    def __init__(self, vocab: int, features: int, *, rngs):
        self.embed = jax_frontend.nnx.Embed(vocab, features, rngs=rngs)
        self.norm = jax_frontend.nnx.LayerNorm(features, epsilon=1e-5, rngs=rngs)
        self.proj = jax_frontend.nnx.Linear(
            features, features, use_bias=False, rngs=rngs
        )

    def __call__(self, tokens):
        h = self.embed(tokens)
        h = h + jax_frontend.nn.silu(self.proj(self.norm(h)))
        return self.embed.attend(h)


def next_token_logits(model, tokens):
    logits = model(tokens)
    return logits[:, -1, :]
