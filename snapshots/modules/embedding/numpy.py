"""A tiny language model with tied input/output embeddings (Embed.attend)."""

import math

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


def norm_params(num_features, use_scale, use_bias, scale_init, bias_init, rngs):
    """A norm's float32 scale and bias parameters (None where unused): ones and zeros of
    (num_features,), unless scale_init / bias_init (init(key, shape)) draw them from rngs."""
    key = None if rngs is None else rngs.params()
    shape = (num_features,)
    scale = bias = None
    if use_scale:
        scale = np.ones(shape) if scale_init is None else scale_init(key, shape)
        scale = np.asarray(scale, np.float32)
    if use_bias:
        bias = np.zeros(shape) if bias_init is None else bias_init(key, shape)
        bias = np.asarray(bias, np.float32)
    return scale, bias


class LayerNorm:
    """nnx.LayerNorm over the last axis: variance E[x^2] - E[x]^2 (clipped at 0), as in Flax. The scale and bias start at ones and zeros unless scale_init / bias_init
    (init(key, shape)) draw them from rngs."""

    def __init__(
        self,
        num_features,
        epsilon=1e-6,
        use_bias=True,
        use_scale=True,
        scale_init=None,
        bias_init=None,
        rngs=None,
    ):
        self.epsilon = epsilon
        self.scale, self.bias = norm_params(
            num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def __call__(self, x):
        mean = np.mean(x, axis=-1, keepdims=True)
        variance = np.maximum(
            np.mean(np.square(x), axis=-1, keepdims=True) - np.square(mean), 0.0
        )
        y = (x - mean) / np.sqrt(variance + np.float32(self.epsilon))
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y


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


class TiedLM:
    def __init__(self, vocab: int, features: int, *, rngs):
        self.embed = Embed(vocab, features, rngs=rngs)
        self.norm = LayerNorm(features, epsilon=1e-5)
        self.proj = Linear(features, features, use_bias=False, rngs=rngs)

    def __call__(self, tokens):
        h = self.embed(tokens)
        h = h + silu(self.proj(self.norm(h)))
        return self.embed.attend(h)


def next_token_logits(model, tokens):
    logits = model(tokens)
    return logits[:, -1, :]
