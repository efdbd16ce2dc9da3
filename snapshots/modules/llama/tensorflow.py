"""A Llama-style decoder in another author's style: a plain dataclass config, layers built through
functools.partial, a hand-written RMSNorm, rotary embeddings, grouped-query attention through
jax.nn.dot_product_attention(is_causal=True), and a SwiGLU feed-forward."""

import dataclasses
import math
from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf
import tensorflow.experimental.numpy as tnp


def dataclass_config(config):
    """A config dataclass's get_config, so that Keras saves it with the layer it
    configures: its constructor fields."""
    return {
        field.name: getattr(config, field.name)
        for field in dataclasses.fields(config)
        if field.init
    }


def from_keras_config(cls, config):
    """cls built from its get_config() (as keras.saving.load_model does): each value
    deserialized (an Rngs, a config dataclass, a tuple, a layer); the "*name" entry of a
    *name parameter passed positionally."""
    values = {
        key: keras.saving.deserialize_keras_object(value)
        for key, value in config.items()
    }
    starred = [values.pop(key) for key in list(values) if key.startswith("*")]
    return cls(*starred[0] if starred else (), **values)


def keras_initializer(init, default, rngs=None):
    """The initializer (shape, dtype) of a weight: init(key, shape), JAX-style, where given,
    else the one Keras names default. Both draw from the rngs' params stream (a
    keras.random.SeedGenerator) when rngs is given, so that a model built from
    Rngs(seed) starts from the same weights each time."""
    key = None if rngs is None else rngs.params()
    if init is not None:
        return lambda shape, dtype=None: init(key, tuple(shape))
    initializer = keras.initializers.get(default)
    if key is not None and hasattr(initializer, "seed"):
        initializer.seed = key
    return initializer


@keras.saving.register_keras_serializable(package=__name__)
class Embed(keras.layers.Embedding):
    """nnx.Embed: a Keras Embedding built at construction, with Flax's attend;
    embedding_init (init(key, shape)) draws the initial rows where given, from rngs."""

    def __init__(
        self, num_embeddings, features, embedding_init=None, rngs=None, **kwargs
    ):
        super().__init__(
            num_embeddings,
            features,
            embeddings_initializer=keras_initializer(embedding_init, "uniform", rngs),
            **kwargs,
        )
        self.init_arguments = {
            "num_embeddings": num_embeddings,
            "features": features,
            "embedding_init": embedding_init,
            "rngs": rngs,
        }
        self.build()

    def attend(self, query):
        """query @ embedding.T: scores against every embedding."""
        return keras.ops.matmul(query, keras.ops.transpose(self.embeddings))

    def get_config(self):
        return dict(keras.Layer.get_config(self), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class Linear(keras.layers.Dense):
    """nnx.Linear: a Dense layer (kernel (in, out), as in Flax) built at construction,
    its kernel LeCun-normal and bias zero unless kernel_init / bias_init (init(key, shape))
    are given, drawn from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
        **kwargs,
    ):
        super().__init__(
            out_features,
            use_bias=use_bias,
            kernel_initializer=keras_initializer(kernel_init, "lecun_normal", rngs),
            bias_initializer=keras_initializer(bias_init, "zeros", rngs),
            **kwargs,
        )
        self.init_arguments = {
            "in_features": in_features,
            "out_features": out_features,
            "use_bias": use_bias,
            "kernel_init": kernel_init,
            "bias_init": bias_init,
            "rngs": rngs,
        }
        self.build((None, in_features))

    def get_config(self):
        return dict(keras.Layer.get_config(self), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class Rngs:
    """nnx.Rngs: named random streams, each a keras.random.SeedGenerator.

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
        if tf.executing_eagerly():
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
            generators[stream] = keras.random.SeedGenerator(seed)
        return lambda: generators[stream]

    def __call__(self):
        return self.default()

    def get_config(self):
        """The seeds, so that Keras saves an Rngs passed to a layer it saves."""
        return self.seeds

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def attention_weights(query, key, bias=None, mask=None, scale=None, is_causal=False):
    """softmax(query . key * scale + bias) over the keys, masked where mask is False or 0
    or, with is_causal, above the diagonal: query (batch..., q_length, heads, head_dim)
    and key (batch..., kv_length, heads, head_dim), as Flax lays them out, give weights
    (batch..., heads, q_length, kv_length). A masked logit becomes the dtype's minimum
    (not -inf: a row masked everywhere attends uniformly, as in JAX)."""
    if scale is None:
        scale = 1.0 / math.sqrt(query.shape[-1])
    logits = tf.einsum("...qhd,...khd->...hqk", query, key) * scale
    if bias is not None:
        logits = logits + bias
    keep = None if mask is None else tf.cast(mask, tf.bool)
    if is_causal:
        causal = tf.linalg.band_part(tf.ones(tf.shape(logits)[-2:], tf.bool), -1, 0)
        keep = causal if keep is None else tf.logical_and(keep, causal)
    if keep is not None:
        logits = tf.where(keep, logits, logits.dtype.min)
    return tf.nn.softmax(logits, axis=-1)


def dot_product_attention(
    query, key, value, bias=None, mask=None, scale=None, is_causal=False
):
    """jax.nn.dot_product_attention on (batch..., length, heads, head_dim) inputs: see
    attention_weights (scale 1 / sqrt(head_dim) by default). With fewer key/value heads
    than query heads, each serves a run of consecutive query heads (one tf.gather: a
    tf.repeat is many ops)."""
    groups = query.shape[-2] // key.shape[-2]
    if groups > 1:
        heads = [h // groups for h in range(query.shape[-2])]
        key, value = tf.gather(key, heads, axis=-2), tf.gather(value, heads, axis=-2)
    weights = attention_weights(query, key, bias, mask, scale, is_causal)
    return tf.einsum("...hqk,...khd->...qhd", weights, value)


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

    The one place where Flax's weights meet Keras': layouts are Flax's already
    (kernels (in, out) and (*window, in, out)); only Embed's embedding is named
    embeddings, as in keras.layers.Embedding."""
    renamed = {"embedding": "embeddings"}
    for owner, name, value, path in flax_targets(model, src):
        if not hasattr(owner, name) and name in renamed:
            name = renamed[name]
        target = owner[name] if isinstance(owner, dict) else getattr(owner, name)
        if tuple(target.shape) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        if hasattr(target, "assign"):
            target.assign(value)
        else:
            setattr(owner, name, tf.constant(value))
    return model


def split(x, indices_or_sections, axis=0):
    """jnp.split: a number of equal sections, or the indices to split at."""
    if isinstance(indices_or_sections, int):
        return tf.split(x, indices_or_sections, axis=axis)
    bounds = [0, *indices_or_sections, x.shape[axis]]
    sizes = [bounds[k + 1] - bounds[k] for k in range(len(bounds) - 1)]
    return tf.split(x, sizes, axis=axis)


@keras.saving.register_keras_serializable(package=__name__)
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
    get_config = dataclass_config
    from_config = classmethod(from_keras_config)


def precompute_freqs(head_dim: int, seq_len: int, theta: float):
    freqs = 1.0 / theta ** (
        tf.cast(tf.range(0, head_dim, 2, dtype=tf.int32)[: head_dim // 2], tf.float32)
        / head_dim
    )
    t = tf.range(seq_len, dtype=tf.float32)
    freqs = tnp.outer(t, freqs)
    return tf.cos(freqs), tf.sin(freqs)


def apply_rope(x, cos, sin):
    x1, x2 = split(x, 2, axis=-1)
    cos = cos[None, :, None, :]
    sin = sin[None, :, None, :]
    return tf.concat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], -1)


@keras.saving.register_keras_serializable(package=__name__)
class RMSNorm(keras.Layer):
    def __init__(self, dim, eps=1e-6, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"dim": dim, "eps": eps, "rngs": rngs}
        self.weight = keras.Variable(tf.ones((dim,), dtype=tf.float32))
        self.eps = eps

    def call(self, x):
        var = tf.reduce_mean(tf.cast(x, tf.float32) ** 2, axis=-1, keepdims=True)
        return x * tf.math.rsqrt(var + self.eps) * self.weight.value

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class Attention(keras.Layer):
    def __init__(self, config: LlamaConfig, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"config": config, "rngs": rngs}
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

    def call(self, x, cos, sin):
        b, t, _ = tuple(x.shape)
        q = tf.reshape(self.wq(x), (b, t, self.n_heads, self.head_dim))
        k = tf.reshape(self.wk(x), (b, t, self.n_kv, self.head_dim))
        v = tf.reshape(self.wv(x), (b, t, self.n_kv, self.head_dim))
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        rep = self.n_heads // self.n_kv
        k = tf.repeat(k, rep, axis=2)
        v = tf.repeat(v, rep, axis=2)
        out = dot_product_attention(q, k, v, is_causal=True)
        return self.wo(tf.reshape(out, (b, t, -1)))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class FeedForward(keras.Layer):
    def __init__(self, config: LlamaConfig, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"config": config, "rngs": rngs}
        self.w1 = Linear(config.dim, config.ffn_dim, use_bias=False, rngs=rngs)
        self.w2 = Linear(config.ffn_dim, config.dim, use_bias=False, rngs=rngs)
        self.w3 = Linear(config.dim, config.ffn_dim, use_bias=False, rngs=rngs)

    def call(self, x):
        return self.w2(tf.nn.silu(self.w1(x)) * self.w3(x))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class Block(keras.Layer):
    def __init__(self, config: LlamaConfig, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"config": config, "rngs": rngs}
        self.attn_norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.attn = Attention(config, rngs)
        self.ffn_norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.ffn = FeedForward(config, rngs)

    def call(self, h, cos, sin):
        h = h + self.attn(self.attn_norm(h), cos, sin)
        return h + self.ffn(self.ffn_norm(h))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class Llama(keras.Layer):
    def __init__(self, config: LlamaConfig, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"config": config, "rngs": rngs}
        self.config = config
        self.embed = Embed(config.vocab, config.dim, rngs=rngs)
        self.layers = [Block(config, rngs) for _ in range(config.n_layers)]
        self.norm = RMSNorm(config.dim, config.norm_eps, rngs=rngs)
        self.lm_head = Linear(config.dim, config.vocab, use_bias=False, rngs=rngs)

    def call(self, tokens):
        h = self.embed(tokens)
        cos, sin = precompute_freqs(
            self.config.dim // self.config.n_heads,
            tokens.shape[1],
            self.config.rope_theta,
        )
        for layer in self.layers:
            h = layer(h, cos, sin)
        return self.lm_head(self.norm(h))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)
