"""A Whisper-style encoder-decoder: a convolutional front end over log-mel frames, a Transformer encoder,
and a decoder with causal self-attention and cross-attention to the encoder output."""

import dataclasses
import math

import ivy


@dataclasses.dataclass(frozen=True)
class WhisperConfig:
    n_mels: int = 8
    n_audio_ctx: int = 12
    n_text_ctx: int = 10
    vocab_size: int = 32
    d_model: int = 16
    n_heads: int = 2
    n_encoder_layers: int = 2
    n_decoder_layers: int = 2
    mlp_ratio: int = 4
    layer_norm_eps: float = 1e-5

    @property
    def head_dim(self) -> int:
        return self.d_model // self.n_heads


def sinusoids(length: int, channels: int, max_timescale: float = 10000.0):
    """Sinusoidal position embeddings, as Whisper computes them."""
    assert channels % 2 == 0, f"channels must be even, got {channels}"
    log_timescale_increment = math.log(max_timescale) / (channels // 2 - 1)
    inv_timescales = ivy.exp(
        -log_timescale_increment * ivy.arange(channels // 2, dtype=ivy.int32)
    )
    scaled_time = ivy.arange(length, dtype=ivy.int32)[:, None] * inv_timescales[None, :]
    return ivy.concatenate([ivy.sin(scaled_time), ivy.cos(scaled_time)], axis=1)


class MLP(ivy.Module):
    def __init__(self, cfg: WhisperConfig, *, rngs):
        hidden = cfg.d_model * cfg.mlp_ratio
        self.fc1 = ivy.Linear(cfg.d_model, hidden, rngs=rngs)
        self.fc2 = ivy.Linear(hidden, cfg.d_model, rngs=rngs)

    def __call__(self, x):
        return self.fc2(ivy.gelu(self.fc1(x), approximate=False))


class ResidualAttentionBlock(ivy.Module):
    def __init__(self, cfg: WhisperConfig, *, cross_attention: bool = False, rngs):
        self.attn_ln = ivy.LayerNorm(cfg.d_model, epsilon=cfg.layer_norm_eps, rngs=rngs)
        self.attn = ivy.MultiHeadAttention(
            cfg.n_heads, cfg.d_model, decode=False, rngs=rngs
        )
        if cross_attention:
            self.cross_attn_ln = ivy.LayerNorm(
                cfg.d_model, epsilon=cfg.layer_norm_eps, rngs=rngs
            )
            self.cross_attn = ivy.MultiHeadAttention(
                cfg.n_heads, cfg.d_model, decode=False, rngs=rngs
            )
        else:
            self.cross_attn_ln = None
            self.cross_attn = None
        self.mlp_ln = ivy.LayerNorm(cfg.d_model, epsilon=cfg.layer_norm_eps, rngs=rngs)
        self.mlp = MLP(cfg, rngs=rngs)

    def __call__(self, x, xa=None, attn_mask=None):
        h = self.attn_ln(x)
        x = x + self.attn(h, h, h, mask=attn_mask)
        if self.cross_attn is not None and xa is not None:
            h = self.cross_attn_ln(x)
            x = x + self.cross_attn(h, xa, xa)
        return x + self.mlp(self.mlp_ln(x))


class AudioEncoder(ivy.Module):
    def __init__(self, cfg: WhisperConfig, *, rngs):
        self.conv1 = ivy.Conv(cfg.n_mels, cfg.d_model, (3,), padding=1, rngs=rngs)
        self.conv2 = ivy.Conv(
            cfg.d_model, cfg.d_model, (3,), strides=(2,), padding=1, rngs=rngs
        )
        self.positional_embedding = ivy.Variable(
            sinusoids(cfg.n_audio_ctx, cfg.d_model)
        )
        self.blocks = ivy.List(
            [
                ResidualAttentionBlock(cfg, rngs=rngs)
                for _ in range(cfg.n_encoder_layers)
            ],
        )
        self.ln_post = ivy.LayerNorm(cfg.d_model, epsilon=cfg.layer_norm_eps, rngs=rngs)

    def __call__(self, mel):
        """mel: (batch, frames, n_mels), channels last; frames = 2 * n_audio_ctx."""
        x = ivy.gelu(self.conv1(mel), approximate=False)
        x = ivy.gelu(self.conv2(x), approximate=False)
        x = x + self.positional_embedding[...][: ivy.shape(x)[1]]
        for block in self.blocks:
            x = block(x)
        return self.ln_post(x)


class TextDecoder(ivy.Module):
    def __init__(self, cfg: WhisperConfig, *, rngs):
        self.token_embedding = ivy.Embed(cfg.vocab_size, cfg.d_model, rngs=rngs)
        self.positional_embedding = ivy.Param(
            ivy.random_normal(
                rngs.params(), (cfg.n_text_ctx, cfg.d_model), dtype=ivy.float32
            )
            * 0.01,
        )
        self.blocks = ivy.List(
            [
                ResidualAttentionBlock(cfg, cross_attention=True, rngs=rngs)
                for _ in range(cfg.n_decoder_layers)
            ],
        )
        self.ln = ivy.LayerNorm(cfg.d_model, epsilon=cfg.layer_norm_eps, rngs=rngs)

    def __call__(self, tokens, audio_features):
        length = ivy.shape(tokens)[-1]
        x = self.token_embedding(tokens) + self.positional_embedding[...][:length]
        mask = ivy.make_causal_mask(tokens)
        for block in self.blocks:
            x = block(x, audio_features, attn_mask=mask)
        x = self.ln(x)
        return self.token_embedding.attend(x)


class Whisper(ivy.Module):
    def __init__(self, cfg: WhisperConfig, *, rngs):
        self.cfg = cfg
        self.encoder = AudioEncoder(cfg, rngs=rngs)
        self.decoder = TextDecoder(cfg, rngs=rngs)

    def __call__(self, mel, tokens):
        return self.decoder(tokens, self.encoder(mel))


def greedy_decode(model: Whisper, mel, start_token: int, steps: int):
    """Greedy decoding: the whole prefix is run again at every step (no cache)."""
    audio = model.encoder(mel)
    tokens = ivy.full((ivy.shape(mel)[0], 1), start_token, dtype=ivy.int32)
    for _ in range(steps):
        logits = model.decoder(tokens, audio)
        next_token = ivy.astype(ivy.argmax(logits[:, -1], axis=-1), ivy.int32)
        tokens = ivy.concatenate([tokens, next_token[:, None]], axis=1)
    return tokens
