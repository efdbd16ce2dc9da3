"""A Qwen3-style decoder: RMSNorm, rotary embeddings, grouped-query attention with q/k norms, a SwiGLU MLP,
and a KV cache per layer for greedy decoding, one token at a time."""

import dataclasses
import math

import numpy as np


class Variable:
    """nnx.Variable: holds an array, read and written as .value.

    Used as an array (in arithmetic, indexed, passed to NumPy), it is its value, as a
    Flax Variable is."""

    def __init__(self, value):
        self.value = np.asarray(value)

    def __array__(self, dtype=None, copy=None):
        return self.value if dtype is None else self.value.astype(dtype)

    def __getattr__(self, name):
        if name == "value":  # not set yet (copy, pickle)
            raise AttributeError(name)
        return getattr(self.value, name)

    def __getitem__(self, index):
        return self.value[index]

    def __len__(self):
        return len(self.value)

    def __iter__(self):
        return iter(self.value)

    @staticmethod
    def _on_value(name):
        """The operator `name` of a Variable: the same operator of its value."""

        def operator(self, *args):
            return getattr(self.value, name)(*args)

        operator.__name__ = name
        return operator

    __add__ = _on_value("__add__")
    __sub__ = _on_value("__sub__")
    __mul__ = _on_value("__mul__")
    __matmul__ = _on_value("__matmul__")
    __truediv__ = _on_value("__truediv__")
    __floordiv__ = _on_value("__floordiv__")
    __mod__ = _on_value("__mod__")
    __pow__ = _on_value("__pow__")
    __lshift__ = _on_value("__lshift__")
    __rshift__ = _on_value("__rshift__")
    __and__ = _on_value("__and__")
    __xor__ = _on_value("__xor__")
    __or__ = _on_value("__or__")
    __radd__ = _on_value("__radd__")
    __rsub__ = _on_value("__rsub__")
    __rmul__ = _on_value("__rmul__")
    __rmatmul__ = _on_value("__rmatmul__")
    __rtruediv__ = _on_value("__rtruediv__")
    __rfloordiv__ = _on_value("__rfloordiv__")
    __rmod__ = _on_value("__rmod__")
    __rpow__ = _on_value("__rpow__")
    __rlshift__ = _on_value("__rlshift__")
    __rrshift__ = _on_value("__rrshift__")
    __rand__ = _on_value("__rand__")
    __rxor__ = _on_value("__rxor__")
    __ror__ = _on_value("__ror__")
    __neg__ = _on_value("__neg__")
    __pos__ = _on_value("__pos__")
    __abs__ = _on_value("__abs__")
    __invert__ = _on_value("__invert__")
    __lt__ = _on_value("__lt__")
    __le__ = _on_value("__le__")
    __gt__ = _on_value("__gt__")
    __ge__ = _on_value("__ge__")


class Cache(Variable):
    """nnx.Cache: a Variable holding a cache, such as attention's keys and values."""


class Embed:
    """nnx.Embed: rows of embedding (num_embeddings, features); attend scores against all rows;
    embedding_init (init(key, shape)) draws the initial rows where given."""

    def __init__(self, num_embeddings, features, embedding_init=None, rngs=None):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        shape = num_embeddings, features
        if embedding_init is None:
            embedding = rng.standard_normal(shape, dtype=np.float32) / np.sqrt(features)
        else:
            embedding = np.asarray(embedding_init(rng, shape), np.float32)
        self.embedding = embedding

    def __call__(self, inputs):
        return np.take(self.embedding, inputs, axis=0)

    def attend(self, query):
        return np.matmul(query, self.embedding.T)


def truncated_normal(key, lower, upper, shape=None, dtype=np.float32):
    """jax.random.truncated_normal: standard normal draws, each redrawn until inside (lower, upper)."""
    if shape is None:
        shape = np.broadcast_shapes(np.shape(lower), np.shape(upper))
    x = key.standard_normal(shape)
    outside = (x <= lower) | (x >= upper)
    while np.any(outside):
        x = np.where(outside, key.standard_normal(shape), x)
        outside = (x <= lower) | (x >= upper)
    return x.astype(dtype)


def lecun_normal(key, shape):
    """LeCun normal, Flax's default kernel_init, of a kernel in Flax's layout
    (..., in, out): a normal of standard deviation 1 / sqrt(fan_in), fan_in
    the product of every axis but the last, truncated at two standard deviations (the
    truncation's lost variance restored), drawn from the generator key."""
    kernel = truncated_normal(key, -2.0, 2.0, shape=tuple(shape))
    return kernel / np.float32(0.87962566103423978 * math.sqrt(math.prod(shape[:-1])))


class Linear:
    """nnx.Linear: x @ kernel + bias, with kernel (in, out) as in Flax, LeCun-normal, and bias
    zero unless kernel_init / bias_init (init(key, shape)) are given."""

    def __init__(
        self,
        in_features,
        out_features,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        self.kernel = (kernel_init or lecun_normal)(rng, (in_features, out_features))
        self.bias = None
        if use_bias and bias_init is None:
            self.bias = np.zeros(out_features, dtype=np.float32)
        elif use_bias:
            self.bias = bias_init(rng, (out_features,))

    def __call__(self, x):
        y = np.matmul(x, self.kernel)
        return y if self.bias is None else y + self.bias


class Param(Variable):
    """nnx.Param: a Variable holding a trainable weight."""


class Rngs:
    """nnx.Rngs: named random streams, each a np.random.Generator.

    rngs.params(), rngs.dropout() and rngs() give a stream's generator; a stream the
    constructor did not name draws from the default one. An Rngs built while a call is
    traced makes a stream's generator when the stream is first used, so that one that
    draws nothing (passed to initialize_carry) makes none. The numbers differ from JAX's."""

    def __init__(self, default=None, **streams):
        if default is not None:
            streams["default"] = default
        self.seeds = dict(streams)
        self.generators = {}

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
            generators[stream] = np.random.default_rng(seed)
        return lambda: generators[stream]

    def __call__(self):
        return self.default()


def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = np.asarray(obj, dtype=dtype)
    if dtype is None and x.dtype == np.float64:
        return x.astype(np.float32)
    if dtype is None and x.dtype == np.int64:
        return x.astype(np.int32)
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
    out = operand.copy()
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


def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    Names and layouts are Flax's on this target: each array is copied as it is,
    into a layer's attribute or a Variable's value."""
    for owner, name, value, path in flax_targets(model, src):
        target = owner[name] if isinstance(owner, dict) else getattr(owner, name)
        current = target.value if hasattr(target, "value") else target
        if np.shape(current) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        if hasattr(target, "value"):
            target.value = value.copy()
        elif isinstance(owner, dict):
            owner[name] = value.copy()
        else:
            setattr(owner, name, value.copy())
    return model


def sigmoid(x):
    """The logistic function."""
    return 1 / (1 + np.exp(-x))


def silu(x):
    """x * sigmoid(x)."""
    return x * sigmoid(x)


def softmax(x, axis=-1):
    """exp(x) normalized along axis, computed stably."""
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


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


class RMSNorm:
    """Root-mean-square norm with a learned scale, as Qwen3 writes it."""

    def __init__(self, dim: int, eps: float = 1e-6):
        self.eps = eps
        self.scale = Param(np.ones((dim,), dtype=np.float32))

    def __call__(self, x):
        variance = np.mean(np.square(x), axis=-1, keepdims=True)
        return x * (1 / np.sqrt(variance + self.eps)) * self.scale.value


def rope_tables(max_len: int, head_dim: int, theta: float):
    # (max_len, head_dim) sin and cos tables; the second half repeats the first.
    exponents = np.arange(0, head_dim, 2, dtype=np.float32) / head_dim
    inv_freq = 1.0 / theta**exponents
    angles = np.arange(max_len, dtype=np.float32)[:, None] * inv_freq[None, :]
    angles = np.concatenate([angles, angles], axis=-1)
    return np.sin(angles), np.cos(angles)


def rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def apply_rope(x, sin, cos):
    # x: (batch, length, heads, head_dim); sin, cos: (length, head_dim)
    return x * cos[None, :, None, :] + rotate_half(x) * sin[None, :, None, :]


class Attention:
    def __init__(self, config: QwenConfig, *, rngs):
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
        self.cached_key = Cache(np.zeros(shape, dtype=np.float32))
        self.cached_value = Cache(np.zeros(shape, dtype=np.float32))
        self.cache_index = Cache(asarray(0, dtype=np.int32))

    def __call__(self, x, decode: bool = False):
        batch, length, _ = x.shape
        q = np.reshape(self.q_proj(x), (batch, length, self.num_heads, self.head_dim))
        k = np.reshape(
            self.k_proj(x), (batch, length, self.num_kv_heads, self.head_dim)
        )
        v = np.reshape(
            self.v_proj(x), (batch, length, self.num_kv_heads, self.head_dim)
        )
        q = self.q_norm(q)
        k = self.k_norm(k)
        if decode:
            start = self.cache_index.value
        else:
            start = asarray(0, dtype=np.int32)
        positions = start + np.arange(length, dtype=np.int32)
        sin, cos = rope_tables(self.max_len, self.head_dim, self.rope_theta)
        sin = dynamic_slice(sin, (start, 0), (length, self.head_dim))
        cos = dynamic_slice_in_dim(cos, start, length, 0)
        q = apply_rope(q, sin, cos)
        k = apply_rope(k, sin, cos)
        if decode:
            # write this step's keys and values at the cache index, then attend to the whole cache
            self.cached_key.value = dynamic_update_slice(
                self.cached_key.value, k, (0, start, 0, 0)
            )
            self.cached_value.value = dynamic_update_slice_in_dim(
                self.cached_value.value, v, start, 1
            )
            self.cache_index.value = self.cache_index.value + length
            k = self.cached_key.value
            v = self.cached_value.value
        # a query at position p sees the keys at positions <= p (in decode mode, the filled part of the cache)
        key_positions = np.arange(k.shape[1], dtype=np.int32)
        mask = key_positions[None, :] <= positions[:, None]
        groups = self.num_heads // self.num_kv_heads
        k = np.repeat(k, groups, axis=2)
        v = np.repeat(v, groups, axis=2)
        logits = np.einsum("bqhd,bkhd->bhqk", q, k, optimize=True) * self.head_dim**-0.5
        logits = np.where(mask[None, None, :, :], logits, np.finfo(np.float32).min)
        weights = softmax(logits)
        out = np.reshape(
            np.einsum("bhqk,bkhd->bqhd", weights, v, optimize=True),
            (batch, length, self.num_heads * self.head_dim),
        )
        return self.o_proj(out)


class MLP:
    def __init__(self, config: QwenConfig, *, rngs):
        self.gate_proj = Linear(
            config.dim, config.hidden_dim, use_bias=False, rngs=rngs
        )
        self.up_proj = Linear(config.dim, config.hidden_dim, use_bias=False, rngs=rngs)
        self.down_proj = Linear(
            config.hidden_dim, config.dim, use_bias=False, rngs=rngs
        )

    def __call__(self, x):
        return self.down_proj(silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer:
    def __init__(self, config: QwenConfig, *, rngs):
        self.input_norm = RMSNorm(config.dim, config.norm_eps)
        self.attn = Attention(config, rngs=rngs)
        self.post_attention_norm = RMSNorm(config.dim, config.norm_eps)
        self.mlp = MLP(config, rngs=rngs)

    def __call__(self, x, decode: bool = False):
        x = x + self.attn(self.input_norm(x), decode=decode)
        return x + self.mlp(self.post_attention_norm(x))


class QwenDecoder:
    def __init__(self, config: QwenConfig, *, rngs):
        self.config = config
        self.embed = Embed(config.vocab_size, config.dim, rngs=rngs)
        self.layers = [
            DecoderLayer(config, rngs=rngs) for _ in range(config.num_layers)
        ]
        self.norm = RMSNorm(config.dim, config.norm_eps)
        self.lm_head = Linear(config.dim, config.vocab_size, use_bias=False, rngs=rngs)

    def init_cache(self, batch: int, cache_len: int):
        for layer in self.layers:
            layer.attn.init_cache(batch, cache_len)

    def __call__(self, tokens, decode: bool = False):
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
        next_token = np.argmax(logits[:, -1, :], axis=-1).astype(np.int32)
        generated.append(next_token)
        logits = model(next_token[:, None], decode=True)
    return np.stack(generated, axis=1), logits
