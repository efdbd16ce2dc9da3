"""A Llama-style decoder in another author's style: a plain dataclass config, layers built through
functools.partial, a hand-written RMSNorm, rotary embeddings, grouped-query attention through
jax.nn.dot_product_attention(is_causal=True), and a SwiGLU feed-forward."""

import math
from dataclasses import dataclass

import numpy as np
import torch


class Embed(torch.nn.Embedding):
    """nnx.Embed: a torch.nn.Embedding with Flax's attend(query) = query @ embedding.T,
    whose rows start from embedding_init(key, shape), by default Flax's normal of
    standard deviation 1 / sqrt(features), drawn from rngs."""

    def __init__(self, num_embeddings, features, embedding_init=None, rngs=None):
        super().__init__(num_embeddings, features)
        key = None if rngs is None else rngs.params()
        with torch.no_grad():
            if embedding_init is None:
                self.weight.normal_(0.0, 1 / math.sqrt(features), generator=key)
            else:
                self.weight.copy_(embedding_init(key, (num_embeddings, features)))

    def attend(self, query):
        return torch.matmul(query, self.weight.T)


def lecun_normal(key, shape):
    """LeCun normal, Flax's default kernel_init, of a kernel in Flax's layout
    (..., in, out): a normal of standard deviation 1 / sqrt(fan_in), fan_in
    the product of every axis but the last, truncated at two standard deviations (the
    truncation's lost variance restored), drawn from the generator key."""
    std = 1 / math.sqrt(math.prod(shape[:-1])) / 0.87962566103423978
    return torch.nn.init.trunc_normal_(
        torch.empty(shape), std=std, a=-2 * std, b=2 * std, generator=key
    )


class Linear(torch.nn.Linear):
    """nnx.Linear as a torch.nn.Linear (weight (out, in)) with Flax's initial values: the
    weight is the transposed (in, out) kernel of kernel_init(key, shape), LeCun-normal
    (truncated) by default, the bias bias_init's, zero by default, drawn from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__(in_features, out_features, bias=use_bias)
        key = None if rngs is None else rngs.params()
        with torch.no_grad():
            kernel = (kernel_init or lecun_normal)(key, (in_features, out_features))
            self.weight.copy_(kernel.T)
            if use_bias and bias_init is None:
                self.bias.zero_()
            elif use_bias:
                self.bias.copy_(bias_init(key, (out_features,)))


class Rngs:
    """nnx.Rngs: named random streams, each a torch.Generator.

    rngs.params(), rngs.dropout() and rngs() give a stream's generator; a stream the
    constructor did not name draws from the default one. An Rngs built while a call is
    traced makes a stream's generator when the stream is first used, so that one that
    draws nothing (passed to initialize_carry) makes none. The numbers differ from JAX's."""

    def __init__(self, default=None, **streams):
        if default is not None:
            streams["default"] = default
        self.seeds = dict(streams)
        self.generators = {}
        # made now, outside any trace (else when first used)
        if not torch.compiler.is_compiling():
            for stream in self.seeds:
                getattr(self, stream)

    def __getattr__(self, name):
        if name.startswith(("_", "is_", "get_")):  # not streams: protocols, type probes
            raise AttributeError(name)
        seeds, generators = self.__dict__["seeds"], self.__dict__["generators"]
        stream = name if name in seeds else "default"
        if stream not in seeds:
            raise AttributeError(
                "no random stream " + repr(name) + " and no default stream"
            )
        if stream not in generators:
            seed = seeds[stream]
            generators[stream] = torch.Generator().manual_seed(seed)
        return lambda: generators[stream]

    def __call__(self):
        return self.default()


def dot_product_attention(
    query, key, value, bias=None, mask=None, scale=None, is_causal=False
):
    """jax.nn.dot_product_attention on (batch..., length, heads, head_dim) inputs, with
    torch.nn.functional.scaled_dot_product_attention.

    logits = query . key * scale (1 / sqrt(head_dim) by default) + bias; where mask is
    False or 0, or above the diagonal with is_causal, a logit becomes the dtype's
    minimum (an additive float mask at finfo.min, not a bool one, whose -inf would make
    a row masked everywhere differ: as in JAX, it attends uniformly, and no gradient
    reaches its logits, though torch's CPU kernel gives value a gradient of its own
    from such a row); softmax over the keys weighs value. With fewer key/value heads
    than query heads, each serves a run of consecutive query heads (enable_gqa)."""
    query, key, value = (
        query.transpose(-2, -3),
        key.transpose(-2, -3),
        value.transpose(-2, -3),
    )
    keep = None if mask is None else mask if mask.dtype == torch.bool else mask != 0
    if is_causal and (keep is not None or bias is not None):
        causal = torch.ones(query.shape[-2], key.shape[-2], dtype=torch.bool).tril()
        keep = causal if keep is None else keep & causal
        is_causal = False
    if keep is not None:
        fill = torch.finfo(query.dtype).min
        bias = torch.where(keep, 0.0 if bias is None else bias, fill)
        if bias.dtype != query.dtype:
            bias = bias.to(query.dtype)
        if torch.is_grad_enabled() and (query.requires_grad or key.requires_grad):
            # a row masked everywhere: zero logits, so that no gradient reaches them
            query = query * keep.any(-1, keepdim=True).to(query.dtype)
    # a literal enable_gqa (torch.compile would pass a comparison of shapes as a SymBool)
    if query.shape[-3] != key.shape[-3]:
        y = torch.nn.functional.scaled_dot_product_attention(
            query,
            key,
            value,
            attn_mask=bias,
            is_causal=is_causal,
            scale=scale,
            enable_gqa=True,
        )
    else:
        y = torch.nn.functional.scaled_dot_product_attention(
            query, key, value, attn_mask=bias, is_causal=is_causal, scale=scale
        )
    return y.transpose(-2, -3)


def flax_arrays(src, path=()):
    """(path, array) for each Variable of a Flax nnx.Module or nnx.State, found by
    duck typing; random-stream state (Rngs keys and counts) and classes held as
    attributes (LoRA's lora_param_type) are left out. A tuple key (the Flax paths that
    name WeightNorm's scales and SpectralNorm's statistics) is its items joined by "_"."""
    if isinstance(src, type):
        return []
    if hasattr(src, "to_pure_dict"):
        src = src.to_pure_dict()
    if hasattr(src, "get_value"):
        if type(src).__name__.startswith("Rng"):
            return []
        return [(path, np.asarray(src.get_value()))]
    if hasattr(src, "shape") and hasattr(src, "dtype"):
        if str(src.dtype).startswith("key<"):
            return []
        return [(path, np.asarray(src))]
    if isinstance(src, dict):
        items = list(src.items())
    elif hasattr(src, "_pytree__nodes"):
        items = [(k, v) for k, v in vars(src).items() if not k.startswith("_")]
    else:
        return []
    arrays = []
    for key, value in items:
        if key != "rngs":
            name = "_".join(map(str, key)) if isinstance(key, tuple) else str(key)
            arrays.extend(flax_arrays(value, (*path, name)))
    return arrays


def flax_targets(model, src):
    """(owner, name, array, path) for each Variable of a Flax nnx.Module or nnx.State:
    the object of model that holds the last name of the Flax path, found by attribute,
    key (dicts) or index (lists). A list of layers met where the Flax path goes on
    with a name holds the layers of a Module built under nnx.vmap (scan over layers):
    each layer gets its slice of the array's leading (layer) axis."""

    def stacked(owner, key):
        # a list of layers where the Flax path names an attribute of one layer
        return (
            not isinstance(owner, dict)
            and not key.isdigit()
            and not hasattr(owner, key)
            and hasattr(owner, "__len__")
        )

    def layers(owner, keys, value, path):
        if len(owner) != value.shape[0]:
            raise ValueError("layer count mismatch at " + ".".join(path))
        return [t for layer, v in zip(owner, value) for t in at(layer, keys, v, path)]

    def at(owner, keys, value, path):
        *parents, name = keys
        for i, key in enumerate(parents):
            if stacked(owner, key):
                return layers(owner, keys[i:], value, path)
            if isinstance(owner, dict) or key.isdigit():
                owner = owner[key if isinstance(owner, dict) else int(key)]
            else:
                owner = getattr(owner, key)
        if stacked(owner, name):
            return layers(owner, [name], value, path)
        return [(owner, name, value, path)]

    return [t for path, value in flax_arrays(src) for t in at(model, path, value, path)]


@torch.no_grad()
def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    The one place where Flax layouts become torch's: a layer's kernel becomes its
    weight with the last two axes first, reversed (Linear (in, out) -> (out, in),
    Conv and ConvTranspose (*window, in, out) -> (out, in, *window)); the scale of
    LayerNorm, RMSNorm, GroupNorm and BatchNorm and Embed's embedding become weight, BatchNorm's mean and var running_mean and
    running_var. Variables of user modules keep their names and layouts."""
    renamed = {
        "kernel": "weight",
        "scale": "weight",
        "embedding": "weight",
        "mean": "running_mean",
        "var": "running_var",
    }
    for owner, name, value, path in flax_targets(model, src):
        if not hasattr(owner, name) and name in renamed:
            if name == "kernel":
                value = np.transpose(value, (-1, -2, *range(value.ndim - 2)))
            name = renamed[name]
        target = getattr(owner, name)
        if tuple(target.shape) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        target.copy_(torch.tensor(value))
    return model


def split(x, indices_or_sections, axis=0):
    """jnp.split: a number of equal sections, or the indices to split at."""
    if isinstance(indices_or_sections, int):
        return list(torch.chunk(x, indices_or_sections, dim=axis))
    bounds = [0, *indices_or_sections, x.shape[axis]]
    sizes = [bounds[k + 1] - bounds[k] for k in range(len(bounds) - 1)]
    return list(torch.split(x, sizes, dim=axis))


@dataclass
class LlamaConfig:
    dim: int = 16
    n_heads: int = 4
    n_kv_heads: int = 2
    ffn_dim: int = 32
    norm_eps: float = 1e-5
    rope_theta: float = 10000.0
    vocab: int = 50
    n_layers: int = 2


def precompute_freqs(head_dim: int, seq_len: int, theta: float):
    freqs = 1.0 / theta ** (
        torch.arange(0, head_dim, 2, dtype=torch.int32)[: head_dim // 2].to(
            torch.float32
        )
        / head_dim
    )
    t = torch.arange(seq_len, dtype=torch.float32)
    freqs = torch.outer(torch.flatten(t), torch.flatten(freqs))
    return torch.cos(freqs), torch.sin(freqs)


def apply_rope(x, cos, sin):
    x1, x2 = split(x, 2, axis=-1)
    cos = cos[None, :, None, :]
    sin = sin[None, :, None, :]
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)


class RMSNorm(torch.nn.Module):
    def __init__(self, dim, eps=1e-6, *, rngs):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones((dim,), dtype=torch.float32))
        self.eps = eps

    def forward(self, x):
        var = torch.mean(x.to(torch.float32) ** 2, dim=-1, keepdim=True)
        return x * torch.rsqrt(var + self.eps) * self.weight


class Attention(torch.nn.Module):
    def __init__(self, config: LlamaConfig, rngs):
        super().__init__()
        self.n_heads = config.n_heads
        self.n_kv = config.n_kv_heads
        self.head_dim = config.dim // config.n_heads
        self.wq = Linear(
            config.dim, self.n_heads * self.head_dim, use_bias=False, rngs=rngs
        )
        self.wk = Linear(
            config.dim, self.n_kv * self.head_dim, use_bias=False, rngs=rngs
        )
        self.wv = Linear(
            config.dim, self.n_kv * self.head_dim, use_bias=False, rngs=rngs
        )
        self.wo = Linear(
            self.n_heads * self.head_dim, config.dim, use_bias=False, rngs=rngs
        )

    def forward(self, x, cos, sin):
        b, t, _ = tuple(x.shape)
        q = torch.reshape(self.wq(x), (b, t, self.n_heads, self.head_dim))
        k = torch.reshape(self.wk(x), (b, t, self.n_kv, self.head_dim))
        v = torch.reshape(self.wv(x), (b, t, self.n_kv, self.head_dim))
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        rep = self.n_heads // self.n_kv
        k = torch.repeat_interleave(k, rep, dim=2)
        v = torch.repeat_interleave(v, rep, dim=2)
        out = dot_product_attention(q, k, v, is_causal=True)
        return self.wo(torch.reshape(out, (b, t, -1)))


class FeedForward(torch.nn.Module):
    def __init__(self, config: LlamaConfig, rngs):
        super().__init__()
        self.w1 = Linear(config.dim, config.ffn_dim, use_bias=False, rngs=rngs)
        self.w2 = Linear(config.ffn_dim, config.dim, use_bias=False, rngs=rngs)
        self.w3 = Linear(config.dim, config.ffn_dim, use_bias=False, rngs=rngs)

    def forward(self, x):
        return self.w2(torch.nn.functional.silu(self.w1(x)) * self.w3(x))


class Block(torch.nn.Module):
    def __init__(self, config: LlamaConfig, rngs):
        super().__init__()
        self.attn_norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.attn = Attention(config, rngs)
        self.ffn_norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.ffn = FeedForward(config, rngs)

    def forward(self, h, cos, sin):
        h = h + self.attn(self.attn_norm(h), cos, sin)
        return h + self.ffn(self.ffn_norm(h))


class Llama(torch.nn.Module):
    def __init__(self, config: LlamaConfig, *, rngs):
        super().__init__()
        self.config = config
        self.embed = Embed(config.vocab, config.dim, rngs=rngs)
        self.layers = torch.nn.ModuleList(
            [Block(config, rngs) for _ in range(config.n_layers)]
        )
        self.norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.lm_head = Linear(config.dim, config.vocab, use_bias=False, rngs=rngs)

    def forward(self, tokens):
        h = self.embed(tokens)
        cos, sin = precompute_freqs(
            self.config.dim // self.config.n_heads,
            tokens.shape[1],
            self.config.rope_theta,
        )
        for layer in self.layers:
            h = layer(h, cos, sin)
        return self.lm_head(self.norm(h))
