"""A Qwen3-style decoder: RMSNorm, rotary embeddings, grouped-query attention with q/k norms, a SwiGLU MLP,
and a KV cache per layer for greedy decoding, one token at a time."""

import dataclasses
import math

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


def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = torch.as_tensor(obj)
    if dtype is not None:
        return x.to(dtype)
    if x.dtype == torch.float64:
        return x.to(torch.float32)
    if x.dtype == torch.int64:
        return x.to(torch.int32)
    return x


def dynamic_start(index, dim, size):
    """A lax.dynamic_slice start: negative counts from the end, then clamped so that
    the slice of that size stays in bounds."""
    index = int(index)
    if index < 0:
        index += dim
    return min(max(index, 0), dim - size)


def dynamic_slice(x, start_indices, slice_sizes):
    """jax.lax.dynamic_slice: starts adjusted as JAX does (dynamic_start)."""
    shape = tuple(x.shape)
    starts = [dynamic_start(*a) for a in zip(start_indices, shape, slice_sizes)]
    return x[tuple(slice(s, s + n) for s, n in zip(starts, slice_sizes))]


def dynamic_slice_in_dim(x, start_index, slice_size, axis=0):
    """jax.lax.dynamic_slice_in_dim: dynamic_slice along one axis, all of the others."""
    shape = tuple(x.shape)
    axis = axis % len(shape)
    starts = [start_index if k == axis else 0 for k in range(len(shape))]
    sizes = [slice_size if k == axis else d for k, d in enumerate(shape)]
    return dynamic_slice(x, starts, sizes)


def dynamic_update_slice(operand, update, start_indices):
    """jax.lax.dynamic_update_slice: a copy of operand with update written at the
    starts, adjusted as JAX does (dynamic_start)."""
    shape, sizes = tuple(operand.shape), tuple(update.shape)
    starts = [dynamic_start(*a) for a in zip(start_indices, shape, sizes)]
    out = operand.clone()
    out[tuple(slice(s, s + n) for s, n in zip(starts, sizes))] = update
    return out


def dynamic_update_slice_in_dim(operand, update, start_index, axis):
    """jax.lax.dynamic_update_slice_in_dim: dynamic_update_slice along one axis."""
    rank = len(tuple(operand.shape))
    starts = [start_index if k == axis % rank else 0 for k in range(rank)]
    return dynamic_update_slice(operand, update, starts)


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


@dataclasses.dataclass(frozen=True)
class QwenConfig:
    vocab_size: int
    dim: int
    num_layers: int
    num_heads: int
    num_kv_heads: int
    hidden_dim: int
    max_len: int
    rope_theta: float = 1e6
    norm_eps: float = 1e-6

    @property
    def head_dim(self) -> int:
        return self.dim // self.num_heads


class RMSNorm(torch.nn.Module):
    """Root-mean-square norm with a learned scale, as Qwen3 writes it."""

    def __init__(self, dim: int, eps: float = 1e-6):
        super().__init__()
        self.eps = eps
        self.scale = torch.nn.Parameter(torch.ones((dim,), dtype=torch.float32))

    def forward(self, x):
        variance = torch.mean(torch.square(x), dim=-1, keepdim=True)
        return x * torch.rsqrt(variance + self.eps) * self.scale


def rope_tables(max_len: int, head_dim: int, theta: float):
    # (max_len, head_dim) sin and cos tables; the second half repeats the first.
    exponents = torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim
    inv_freq = 1.0 / theta**exponents
    angles = torch.arange(max_len, dtype=torch.float32)[:, None] * inv_freq[None, :]
    angles = torch.cat([angles, angles], dim=-1)
    return torch.sin(angles), torch.cos(angles)


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


def apply_rope(x, sin, cos):
    # x: (batch, length, heads, head_dim); sin, cos: (length, head_dim)
    return x * cos[None, :, None, :] + rotate_half(x) * sin[None, :, None, :]


class Attention(torch.nn.Module):
    def __init__(self, config: QwenConfig, *, rngs):
        super().__init__()
        self.num_heads = config.num_heads
        self.num_kv_heads = config.num_kv_heads
        self.head_dim = config.head_dim
        self.max_len = config.max_len
        self.rope_theta = config.rope_theta
        q_features = config.num_heads * config.head_dim
        kv_features = config.num_kv_heads * config.head_dim
        self.q_proj = Linear(config.dim, q_features, use_bias=False, rngs=rngs)
        self.k_proj = Linear(config.dim, kv_features, use_bias=False, rngs=rngs)
        self.v_proj = Linear(config.dim, kv_features, use_bias=False, rngs=rngs)
        self.o_proj = Linear(q_features, config.dim, use_bias=False, rngs=rngs)
        self.q_norm = RMSNorm(config.head_dim, config.norm_eps)
        self.k_norm = RMSNorm(config.head_dim, config.norm_eps)

    def init_cache(self, batch: int, cache_len: int):
        shape = batch, cache_len, self.num_kv_heads, self.head_dim
        self.cached_key = torch.nn.Buffer(torch.zeros(shape, dtype=torch.float32))
        self.cached_value = torch.nn.Buffer(torch.zeros(shape, dtype=torch.float32))
        self.cache_index = torch.nn.Buffer(asarray(0, dtype=torch.int32))

    def forward(self, x, decode: bool = False):
        batch, length, _ = tuple(x.shape)
        q = torch.reshape(
            self.q_proj(x), (batch, length, self.num_heads, self.head_dim)
        )
        k = torch.reshape(
            self.k_proj(x), (batch, length, self.num_kv_heads, self.head_dim)
        )
        v = torch.reshape(
            self.v_proj(x), (batch, length, self.num_kv_heads, self.head_dim)
        )
        q = self.q_norm(q)
        k = self.k_norm(k)
        if decode:
            start = self.cache_index
        else:
            start = asarray(0, dtype=torch.int32)
        positions = start + torch.arange(length, dtype=torch.int32)
        sin, cos = rope_tables(self.max_len, self.head_dim, self.rope_theta)
        sin = dynamic_slice(sin, (start, 0), (length, self.head_dim))
        cos = dynamic_slice_in_dim(cos, start, length, 0)
        q = apply_rope(q, sin, cos)
        k = apply_rope(k, sin, cos)
        if decode:
            # write this step's keys and values at the cache index, then attend to the whole cache
            self.cached_key = dynamic_update_slice(self.cached_key, k, (0, start, 0, 0))
            self.cached_value = dynamic_update_slice_in_dim(
                self.cached_value, v, start, 1
            )
            self.cache_index = self.cache_index + length
            k = self.cached_key
            v = self.cached_value
        # a query at position p sees the keys at positions <= p (in decode mode, the filled part of the cache)
        key_positions = torch.arange(k.shape[1], dtype=torch.int32)
        mask = key_positions[None, :] <= positions[:, None]
        groups = self.num_heads // self.num_kv_heads
        k = torch.repeat_interleave(k, groups, dim=2)
        v = torch.repeat_interleave(v, groups, dim=2)
        logits = torch.einsum("bqhd,bkhd->bhqk", q, k) * self.head_dim**-0.5
        logits = torch.where(
            mask[None, None, :, :], logits, torch.finfo(torch.float32).min
        )
        weights = torch.softmax(logits, dim=-1)
        out = torch.reshape(
            torch.einsum("bhqk,bkhd->bqhd", weights, v),
            (batch, length, self.num_heads * self.head_dim),
        )
        return self.o_proj(out)


class MLP(torch.nn.Module):
    def __init__(self, config: QwenConfig, *, rngs):
        super().__init__()
        self.gate_proj = Linear(
            config.dim, config.hidden_dim, use_bias=False, rngs=rngs
        )
        self.up_proj = Linear(config.dim, config.hidden_dim, use_bias=False, rngs=rngs)
        self.down_proj = Linear(
            config.hidden_dim, config.dim, use_bias=False, rngs=rngs
        )

    def forward(self, x):
        return self.down_proj(
            torch.nn.functional.silu(self.gate_proj(x)) * self.up_proj(x)
        )


class DecoderLayer(torch.nn.Module):
    def __init__(self, config: QwenConfig, *, rngs):
        super().__init__()
        self.input_norm = RMSNorm(config.dim, config.norm_eps)
        self.attn = Attention(config, rngs=rngs)
        self.post_attention_norm = RMSNorm(config.dim, config.norm_eps)
        self.mlp = MLP(config, rngs=rngs)

    def forward(self, x, decode: bool = False):
        x = x + self.attn(self.input_norm(x), decode=decode)
        return x + self.mlp(self.post_attention_norm(x))


class QwenDecoder(torch.nn.Module):
    def __init__(self, config: QwenConfig, *, rngs):
        super().__init__()
        self.config = config
        self.embed = Embed(config.vocab_size, config.dim, rngs=rngs)
        self.layers = torch.nn.ModuleList(
            [DecoderLayer(config, rngs=rngs) for _ in range(config.num_layers)]
        )
        self.norm = RMSNorm(config.dim, config.norm_eps)
        self.lm_head = Linear(config.dim, config.vocab_size, use_bias=False, rngs=rngs)

    def init_cache(self, batch: int, cache_len: int):
        for layer in self.layers:
            layer.attn.init_cache(batch, cache_len)

    def forward(self, tokens, decode: bool = False):
        x = self.embed(tokens)
        for layer in self.layers:
            x = layer(x, decode=decode)
        return self.lm_head(self.norm(x))


def generate(model: QwenDecoder, prompt, steps: int):
    """Greedy decoding: a prefill of the prompt, then one token per step from the cache."""
    model.init_cache(prompt.shape[0], prompt.shape[1] + steps)
    logits = model(prompt, decode=True)
    generated = []
    for _ in range(steps):
        next_token = torch.argmax(logits[:, -1, :], dim=-1).int()
        generated.append(next_token)
        logits = model(next_token[:, None], decode=True)
    return torch.stack(generated, dim=1), logits
