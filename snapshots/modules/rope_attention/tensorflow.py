"""A Gemma-style decoder whose int32 positions travel through calls: made in the model's `__call__`, passed
through each block and its attention into `apply_rope`, where they meet float32 frequencies (JAX promotes
int32 * float32 to float32), and into `causal_mask`, where they are compared."""

import dataclasses

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
@dataclasses.dataclass(frozen=True)
class RopeConfig:
    vocab_size: int = 19
    dim: int = 16
    num_heads: int = 2
    head_dim: int = 8
    hidden_dim: int = 24
    num_layers: int = 2
    norm_eps: float = 1e-6
    get_config = dataclass_config
    from_config = classmethod(from_keras_config)


def apply_rope(x, positions, max_wavelength=10_000):
    # x: (batch, length, heads, head_dim); positions: (batch, length) ints
    freq = 1.0 / max_wavelength ** (
        tf.cast(2 * tf.range(x.shape[-1] // 2, dtype=tf.int32), tf.float32)
        / x.shape[-1]
    )
    t = tf.cast(positions[..., None], tf.float32) * freq
    sin, cos = tf.sin(t)[..., None, :], tf.cos(t)[..., None, :]
    first, second = split(x, 2, axis=-1)
    return tf.concat([first * cos - second * sin, second * cos + first * sin], -1)


def causal_mask(positions):
    # a query at position p sees the keys at positions <= p: (batch, 1, length, length)
    return positions[:, None, :, None] >= positions[:, None, None, :]


@keras.saving.register_keras_serializable(package=__name__)
class RMSNorm(keras.Layer):
    def __init__(self, dim: int, eps: float, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"dim": dim, "eps": eps}
        self.eps = eps
        self.scale = keras.Variable(tf.zeros((dim,), dtype=tf.float32))

    def call(self, x):
        variance = tf.reduce_mean(tf.square(x), axis=-1, keepdims=True)
        return x * tf.math.rsqrt(variance + self.eps) * (1 + self.scale.value)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class Attention(keras.Layer):
    def __init__(self, cfg: RopeConfig, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"cfg": cfg, "rngs": rngs}
        self.cfg = cfg
        features = cfg.num_heads * cfg.head_dim
        self.qkv = Linear(cfg.dim, 3 * features, use_bias=False, rngs=rngs)
        self.out = Linear(features, cfg.dim, use_bias=False, rngs=rngs)

    def call(self, x, positions):
        batch, length, _ = tuple(x.shape)
        qkv = tf.reshape(
            self.qkv(x), (batch, length, 3, self.cfg.num_heads, self.cfg.head_dim)
        )
        q, k, v = qkv[:, :, 0], qkv[:, :, 1], qkv[:, :, 2]
        q = apply_rope(q, positions) * self.cfg.head_dim**-0.5
        k = apply_rope(k, positions)
        logits = tf.einsum("bqhd,bkhd->bhqk", q, k)
        logits = tf.where(causal_mask(positions), logits, tnp.finfo(tf.float32).min)
        weights = tf.nn.softmax(logits)
        out = tf.einsum("bhqk,bkhd->bqhd", weights, v)
        return self.out(tf.reshape(out, (batch, length, -1)))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class Block(keras.Layer):
    def __init__(self, cfg: RopeConfig, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"cfg": cfg, "rngs": rngs}
        self.attn_norm = RMSNorm(cfg.dim, cfg.norm_eps)
        self.attn = Attention(cfg, rngs=rngs)
        self.mlp_norm = RMSNorm(cfg.dim, cfg.norm_eps)
        self.up = Linear(cfg.dim, 2 * cfg.hidden_dim, rngs=rngs)
        self.down = Linear(cfg.hidden_dim, cfg.dim, rngs=rngs)

    def call(self, x, positions):
        x = x + self.attn(self.attn_norm(x), positions)
        gate, up = split(self.up(self.mlp_norm(x)), 2, axis=-1)
        return x + self.down(tf.nn.gelu(gate, approximate=True) * up)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class RopeDecoder(keras.Layer):
    def __init__(self, cfg: RopeConfig, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"cfg": cfg, "rngs": rngs}
        self.cfg = cfg
        self.embed = Embed(cfg.vocab_size, cfg.dim, rngs=rngs)
        self.layers = [Block(cfg, rngs=rngs) for _ in range(cfg.num_layers)]
        self.norm = RMSNorm(cfg.dim, cfg.norm_eps)

    def call(self, tokens):
        positions = tf.range(tokens.shape[1], dtype=tf.int32)[None, :]
        x = self.embed(tokens) * self.cfg.dim**0.5
        for layer in self.layers:
            x = layer(x, positions)
        return self.embed.attend(self.norm(x))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)
