"""A Qwen3-style decoder: RMSNorm, rotary embeddings, grouped-query attention with q/k norms, a SwiGLU MLP,
and a KV cache per layer for greedy decoding, one token at a time."""

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


class UnlockedState:
    """with UnlockedState(layer): lets a method other than __init__ create Keras
    variables, as an nnx.Module's may (a cache's init), where Keras locks a built
    layer's state. A variable the block replaces leaves the layer's tracking."""

    def __init__(self, layer):
        self.layer = layer

    def __enter__(self):
        tracker = self.layer._tracker
        self.locked, self.before = tracker.locked, dict(vars(self.layer))
        tracker.unlock()

    def __exit__(self, *exc_info):
        tracker = self.layer._tracker
        for name, old in self.before.items():
            if isinstance(old, keras.Variable) and getattr(self.layer, name) is not old:
                tracker.untrack(old)
        if self.locked:
            tracker.lock()


def argmax(x, axis=None, keepdims=False):
    """jnp.argmax: int32 indices, over the flattened array when axis is None."""
    if axis is None:
        out = tf.argmax(tf.reshape(x, [-1]), output_type=tf.int32)
        return tf.reshape(out, [1] * len(x.shape)) if keepdims else out
    out = tf.argmax(x, axis=axis, output_type=tf.int32)
    return tf.expand_dims(out, axis) if keepdims else out


def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = tf.convert_to_tensor(obj)
    if dtype is not None:
        return tf.cast(x, dtype)
    if x.dtype == tf.float64:
        return tf.cast(x, tf.float32)
    if x.dtype == tf.int64:
        return tf.cast(x, tf.int32)
    return x


def dynamic_start(index, dim, size):
    """A lax.dynamic_slice start as an int64 scalar tensor, so that it may be
    symbolic under XLA: negative counts from the end, then clamped so that the
    slice of that size stays in bounds."""
    index = tf.cast(index, tf.int64)
    index = tf.where(index < 0, index + dim, index)
    return tf.clip_by_value(index, 0, dim - size)


def dynamic_slice(x, start_indices, slice_sizes):
    """jax.lax.dynamic_slice: starts adjusted as JAX does (dynamic_start), the
    sizes static."""
    if not slice_sizes:
        return x
    shape = tuple(x.shape)
    starts = [dynamic_start(*a) for a in zip(start_indices, shape, slice_sizes)]
    return tf.slice(x, tf.stack(starts), tf.constant(slice_sizes, tf.int64))


def dynamic_slice_in_dim(x, start_index, slice_size, axis=0):
    """jax.lax.dynamic_slice_in_dim: dynamic_slice along one axis, all of the others."""
    shape = tuple(x.shape)
    axis = axis % len(shape)
    starts = [start_index if k == axis else 0 for k in range(len(shape))]
    sizes = [slice_size if k == axis else d for k, d in enumerate(shape)]
    return dynamic_slice(x, starts, sizes)


def dynamic_update_slice(operand, update, start_indices):
    """jax.lax.dynamic_update_slice: a copy of operand with update scattered at
    the starts, adjusted as JAX does (dynamic_start)."""
    if not update.shape:
        return update
    shape, sizes = tuple(operand.shape), tuple(update.shape)
    starts = [dynamic_start(*a) for a in zip(start_indices, shape, sizes)]
    axes = [tf.range(n, dtype=tf.int64) + s for s, n in zip(starts, sizes)]
    where = tf.stack(tf.meshgrid(*axes, indexing="ij"), axis=-1)
    return tf.tensor_scatter_nd_update(operand, where, update)


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


@keras.saving.register_keras_serializable(package=__name__)
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

    get_config = dataclass_config
    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class RMSNorm(keras.Layer):
    """Root-mean-square norm with a learned scale, as Qwen3 writes it."""

    def __init__(self, dim: int, eps: float = 1e-6, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"dim": dim, "eps": eps}
        self.eps = eps
        self.scale = keras.Variable(tf.ones((dim,), dtype=tf.float32))

    def call(self, x):
        variance = tf.reduce_mean(tf.square(x), axis=-1, keepdims=True)
        return x * tf.math.rsqrt(variance + self.eps) * self.scale.value

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


def rope_tables(max_len: int, head_dim: int, theta: float):
    # (max_len, head_dim) sin and cos tables; the second half repeats the first.
    exponents = tf.range(0, head_dim, 2, dtype=tf.float32) / head_dim
    inv_freq = 1.0 / theta**exponents
    angles = tf.range(max_len, dtype=tf.float32)[:, None] * inv_freq[None, :]
    angles = tf.concat([angles, angles], -1)
    return tf.sin(angles), tf.cos(angles)


def rotate_half(x):
    half = x.shape[-1] // 2
    return tf.concat([-x[..., half:], x[..., :half]], -1)


def apply_rope(x, sin, cos):
    # x: (batch, length, heads, head_dim); sin, cos: (length, head_dim)
    return x * cos[None, :, None, :] + rotate_half(x) * sin[None, :, None, :]


@keras.saving.register_keras_serializable(package=__name__)
class Attention(keras.Layer):
    def __init__(self, config: QwenConfig, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"config": config, "rngs": rngs}
        self._allow_non_tensor_positional_args = True
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
        with UnlockedState(self):
            shape = batch, cache_len, self.num_kv_heads, self.head_dim
            self.cached_key = keras.Variable(
                tf.zeros(shape, dtype=tf.float32), trainable=False
            )
            self.cached_value = keras.Variable(
                tf.zeros(shape, dtype=tf.float32), trainable=False
            )
            self.cache_index = keras.Variable(
                asarray(0, dtype=tf.int32), trainable=False
            )

    def call(self, x, decode: bool = False):
        batch, length, _ = tuple(x.shape)
        q = tf.reshape(self.q_proj(x), (batch, length, self.num_heads, self.head_dim))
        k = tf.reshape(
            self.k_proj(x), (batch, length, self.num_kv_heads, self.head_dim)
        )
        v = tf.reshape(
            self.v_proj(x), (batch, length, self.num_kv_heads, self.head_dim)
        )
        q = self.q_norm(q)
        k = self.k_norm(k)
        if decode:
            start = self.cache_index.value
        else:
            start = asarray(0, dtype=tf.int32)
        positions = start + tf.range(length, dtype=tf.int32)
        sin, cos = rope_tables(self.max_len, self.head_dim, self.rope_theta)
        sin = dynamic_slice(sin, (start, 0), (length, self.head_dim))
        cos = dynamic_slice_in_dim(cos, start, length, 0)
        q = apply_rope(q, sin, cos)
        k = apply_rope(k, sin, cos)
        if decode:
            self.cached_key.assign(
                dynamic_update_slice(self.cached_key.value, k, (0, start, 0, 0))
            )
            self.cached_value.assign(
                dynamic_update_slice_in_dim(self.cached_value.value, v, start, 1)
            )
            self.cache_index.assign(self.cache_index.value + length)
            k = self.cached_key.value
            v = self.cached_value.value
        # a query at position p sees the keys at positions <= p (in decode mode, the filled part of the cache)
        key_positions = tf.range(k.shape[1], dtype=tf.int32)
        mask = key_positions[None, :] <= positions[:, None]
        groups = self.num_heads // self.num_kv_heads
        k = tf.repeat(k, groups, axis=2)
        v = tf.repeat(v, groups, axis=2)
        logits = tf.einsum("bqhd,bkhd->bhqk", q, k) * self.head_dim**-0.5
        logits = tf.where(mask[None, None, :, :], logits, tnp.finfo(tf.float32).min)
        weights = tf.nn.softmax(logits)
        out = tf.reshape(
            tf.einsum("bhqk,bkhd->bqhd", weights, v),
            (batch, length, self.num_heads * self.head_dim),
        )
        return self.o_proj(out)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class MLP(keras.Layer):
    def __init__(self, config: QwenConfig, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"config": config, "rngs": rngs}
        self.gate_proj = Linear(
            config.dim, config.hidden_dim, use_bias=False, rngs=rngs
        )
        self.up_proj = Linear(config.dim, config.hidden_dim, use_bias=False, rngs=rngs)
        self.down_proj = Linear(
            config.hidden_dim, config.dim, use_bias=False, rngs=rngs
        )

    def call(self, x):
        return self.down_proj(tf.nn.silu(self.gate_proj(x)) * self.up_proj(x))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class DecoderLayer(keras.Layer):
    def __init__(self, config: QwenConfig, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"config": config, "rngs": rngs}
        self._allow_non_tensor_positional_args = True
        self.input_norm = RMSNorm(config.dim, config.norm_eps)
        self.attn = Attention(config, rngs=rngs)
        self.post_attention_norm = RMSNorm(config.dim, config.norm_eps)
        self.mlp = MLP(config, rngs=rngs)

    def call(self, x, decode: bool = False):
        x = x + self.attn(self.input_norm(x), decode=decode)
        return x + self.mlp(self.post_attention_norm(x))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class QwenDecoder(keras.Layer):
    def __init__(self, config: QwenConfig, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"config": config, "rngs": rngs}
        self._allow_non_tensor_positional_args = True
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

    def call(self, tokens, decode: bool = False):
        x = self.embed(tokens)
        for layer in self.layers:
            x = layer(x, decode=decode)
        return self.lm_head(self.norm(x))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


def generate(model: QwenDecoder, prompt, steps: int):
    """Greedy decoding: a prefill of the prompt, then one token per step from the cache."""
    model.init_cache(prompt.shape[0], prompt.shape[1] + steps)
    logits = model(prompt, decode=True)
    generated = []
    for _ in range(steps):
        next_token = argmax(logits[:, -1, :], axis=-1)
        generated.append(next_token)
        logits = model(next_token[:, None], decode=True)
    return tf.stack(generated, axis=1), logits
