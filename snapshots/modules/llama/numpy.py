"""A Llama-style decoder in another author's style: a plain dataclass config, layers built through
functools.partial, a hand-written RMSNorm, rotary embeddings, grouped-query attention through
jax.nn.dot_product_attention(is_causal=True), and a SwiGLU feed-forward."""

import math
from dataclasses import dataclass

import numpy as np


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


def attention_weights(query, key, bias=None, mask=None, scale=None, is_causal=False):
    """softmax(query . key * scale + bias) over the keys, masked where mask is False or 0
    or, with is_causal, above the diagonal: query (batch..., heads, q_length, head_dim),
    key (batch..., heads, kv_length, head_dim), heads first for matmul (BLAS). A masked
    logit becomes the dtype's minimum (not -inf: a row masked everywhere attends
    uniformly, as in JAX)."""
    if scale is None:
        scale = 1.0 / math.sqrt(query.shape[-1])
    logits = query @ np.swapaxes(key, -1, -2) * scale
    if bias is not None:
        logits = logits + bias
    keep = None if mask is None else np.asarray(mask) != 0
    if is_causal:
        causal = np.tri(*logits.shape[-2:], dtype=bool)
        keep = causal if keep is None else keep & causal
    if keep is not None:
        logits = np.where(keep, logits, np.finfo(logits.dtype).min)
    weights = np.exp(logits - np.max(logits, axis=-1, keepdims=True))
    weights /= np.sum(weights, axis=-1, keepdims=True)
    return weights


def dot_product_attention(
    query, key, value, bias=None, mask=None, scale=None, is_causal=False
):
    """jax.nn.dot_product_attention on (batch..., length, heads, head_dim) inputs: see
    attention_weights (scale 1 / sqrt(head_dim) by default). With fewer key/value heads
    than query heads, each serves a run of consecutive query heads."""
    groups = query.shape[-2] // key.shape[-2]
    query, key, value = (np.swapaxes(x, -2, -3) for x in (query, key, value))
    if groups > 1:
        key, value = np.repeat(key, groups, axis=-3), np.repeat(value, groups, axis=-3)
    weights = attention_weights(query, key, bias, mask, scale, is_causal)
    return np.swapaxes(weights @ value, -2, -3)


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
        np.arange(0, head_dim, 2, dtype=np.int32)[: head_dim // 2].astype(np.float32)
        / head_dim
    )
    t = np.arange(seq_len, dtype=np.float32)
    freqs = np.outer(t, freqs)
    return np.cos(freqs), np.sin(freqs)


def apply_rope(x, cos, sin):
    x1, x2 = np.split(x, 2, axis=-1)
    cos = cos[None, :, None, :]
    sin = sin[None, :, None, :]
    return np.concatenate([x1 * cos - x2 * sin, x2 * cos + x1 * sin], axis=-1)


class RMSNorm:
    def __init__(self, dim, eps=1e-6, *, rngs):
        self.weight = Param(np.ones((dim,), dtype=np.float32))
        self.eps = eps

    def __call__(self, x):
        var = np.mean(x.astype(np.float32) ** 2, axis=-1, keepdims=True)
        return x * (1 / np.sqrt(var + self.eps)) * self.weight.value


class Attention:
    def __init__(self, config: LlamaConfig, rngs):
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

    def __call__(self, x, cos, sin):
        b, t, _ = x.shape
        q = np.reshape(self.wq(x), (b, t, self.n_heads, self.head_dim))
        k = np.reshape(self.wk(x), (b, t, self.n_kv, self.head_dim))
        v = np.reshape(self.wv(x), (b, t, self.n_kv, self.head_dim))
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        rep = self.n_heads // self.n_kv
        k = np.repeat(k, rep, axis=2)
        v = np.repeat(v, rep, axis=2)
        out = dot_product_attention(q, k, v, is_causal=True)
        return self.wo(np.reshape(out, (b, t, -1)))


class FeedForward:
    def __init__(self, config: LlamaConfig, rngs):
        self.w1 = Linear(config.dim, config.ffn_dim, use_bias=False, rngs=rngs)
        self.w2 = Linear(config.ffn_dim, config.dim, use_bias=False, rngs=rngs)
        self.w3 = Linear(config.dim, config.ffn_dim, use_bias=False, rngs=rngs)

    def __call__(self, x):
        return self.w2(silu(self.w1(x)) * self.w3(x))


class Block:
    def __init__(self, config: LlamaConfig, rngs):
        self.attn_norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.attn = Attention(config, rngs)
        self.ffn_norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.ffn = FeedForward(config, rngs)

    def __call__(self, h, cos, sin):
        h = h + self.attn(self.attn_norm(h), cos, sin)
        return h + self.ffn(self.ffn_norm(h))


class Llama:
    def __init__(self, config: LlamaConfig, *, rngs):
        self.config = config
        self.embed = Embed(config.vocab, config.dim, rngs=rngs)
        self.layers = [Block(config, rngs) for _ in range(config.n_layers)]
        self.norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.lm_head = Linear(config.dim, config.vocab, use_bias=False, rngs=rngs)

    def __call__(self, tokens):
        h = self.embed(tokens)
        cos, sin = precompute_freqs(
            self.config.dim // self.config.n_heads,
            tokens.shape[1],
            self.config.rope_theta,
        )
        for layer in self.layers:
            h = layer(h, cos, sin)
        return self.lm_head(self.norm(h))
