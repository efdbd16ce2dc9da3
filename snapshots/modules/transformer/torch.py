"""A small decoder-only transformer: token and position embeddings, causal self-attention blocks, tied output."""

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


class Function(torch.nn.Module):
    """A plain function as a layer, so that torch.nn.ModuleList can hold it."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, *args, **kwargs):
        return self.fn(*args, **kwargs)


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


class Sequential(torch.nn.Module):
    """nnx.Sequential: applies its layers in order, each output the next input.

    The layers live in self.layers, as in Flax; a plain function becomes a Function."""

    def __init__(self, *layers):
        super().__init__()
        self.layers = torch.nn.ModuleList()
        for layer in layers:
            if not isinstance(layer, torch.nn.Module):
                layer = Function(layer)
            self.layers.append(layer)

    def forward(self, x):
        for layer in self.layers:
            # a plain function directly, without the Module call of its Function
            x = layer.fn(x) if type(layer) is Function else layer(x)
        return x


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


def causal_mask(length: int):
    return torch.tril(torch.ones((length, length), dtype=torch.bool))


class SelfAttention(torch.nn.Module):
    def __init__(self, dim: int, heads: int, *, rngs):
        super().__init__()
        self.heads = heads
        self.head_dim = dim // heads
        self.qkv = Linear(dim, 3 * dim, use_bias=False, rngs=rngs)
        self.out = Linear(dim, dim, rngs=rngs)

    def split_heads(self, x):
        batch, length, _ = tuple(x.shape)
        x = torch.reshape(x, (batch, length, self.heads, self.head_dim))
        return torch.permute(x, (0, 2, 1, 3))

    def forward(self, x):
        batch, length, dim = tuple(x.shape)
        q, k, v = split(self.qkv(x), 3, axis=-1)
        q, k, v = self.split_heads(q), self.split_heads(k), self.split_heads(v)
        logits = torch.matmul(q, k.mT) / torch.sqrt(
            asarray(self.head_dim, dtype=torch.float32)
        )
        logits = torch.where(causal_mask(length)[None, None], logits, -1e9)
        weights = torch.softmax(logits, dim=-1)
        y = torch.matmul(weights, v)
        y = torch.reshape(torch.permute(y, (0, 2, 1, 3)), (batch, length, dim))
        return self.out(y)


class Block(torch.nn.Module):
    def __init__(self, dim: int, heads: int, *, rngs):
        super().__init__()
        self.norm1 = torch.nn.LayerNorm(dim, eps=1e-06)
        self.attention = SelfAttention(dim, heads, rngs=rngs)
        self.norm2 = torch.nn.LayerNorm(dim, eps=1e-06)
        self.mlp = Sequential(
            Linear(dim, 4 * dim, rngs=rngs),
            lambda x: torch.nn.functional.gelu(x, approximate="tanh"),
            Linear(4 * dim, dim, rngs=rngs),
        )

    def forward(self, x):
        x = x + self.attention(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class Transformer(torch.nn.Module):
    def __init__(
        self, vocab: int, dim: int, heads: int, depth: int, max_len: int, *, rngs
    ):
        super().__init__()
        self.tokens = Embed(vocab, dim, rngs=rngs)
        self.positions = torch.nn.Parameter(
            torch.randn((max_len, dim), generator=rngs.params(), dtype=torch.float32)
            * 0.02,
        )
        self.blocks = torch.nn.ModuleList(
            [Block(dim, heads, rngs=rngs) for _ in range(depth)]
        )
        self.norm = torch.nn.LayerNorm(dim, eps=1e-06)

    def forward(self, ids):
        x = self.tokens(ids) + self.positions[: ids.shape[1]]
        for block in self.blocks:
            x = block(x)
        return self.tokens.attend(self.norm(x))


def next_token_loss(model, ids):
    logits = model(ids[:, :-1])
    log_probs = torch.log_softmax(logits, dim=-1)
    targets = torch.nn.functional.one_hot(ids[:, 1:].long(), logits.shape[-1]).to(
        torch.float32
    )
    return -torch.mean(torch.sum(targets * log_probs, dim=-1))
