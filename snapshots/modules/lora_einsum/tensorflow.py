"""LoRA fine-tuning: a frozen-style base Linear wrapped in nnx.LoRA, an Einsum head
projection, a LoRALinear readout, custom initializers, and a sown activation statistic."""

import math

import keras
import numpy as np
import tensorflow as tf
import tensorflow.experimental.numpy as tnp


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


def einsum_bias_shape(einsum_str, kernel_shape, ndim):
    """The shape nnx.Einsum reshapes its bias to: each output axis the kernel names has that
    kernel axis' size, every other one (an ellipsis' too) is 1."""
    inputs, output = einsum_str.split("->")
    sizes = dict(zip(inputs.split(",")[1], kernel_shape))
    before, _, after = output.partition("...")
    middle = [1] * (ndim - len(before) - len(after))
    return [sizes.get(c, 1) for c in before] + middle + [sizes.get(c, 1) for c in after]


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
class Einsum(keras.Layer):
    """nnx.Einsum: einsum(einsum_str, x, kernel) + bias, with kernel (kernel_shape) and bias
    (bias_shape) as in Flax, the bias broadcast over the output axes the kernel does not
    name. The kernel starts LeCun-normal (truncated, fan-in prod(kernel_shape[:-1])), the
    bias zero, unless kernel_init / bias_init (init(key, shape)) are given, drawn from
    rngs."""

    def __init__(
        self,
        einsum_str,
        kernel_shape,
        bias_shape=None,
        kernel_init=None,
        bias_init=None,
        rngs=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "einsum_str": einsum_str,
            "kernel_shape": kernel_shape,
            "bias_shape": bias_shape,
            "kernel_init": kernel_init,
            "bias_init": bias_init,
            "rngs": rngs,
        }
        self.einsum_str = einsum_str.replace(" ", "")
        self.kernel = self.add_weight(
            shape=tuple(kernel_shape),
            initializer=keras_initializer(kernel_init, "lecun_normal", rngs),
            name="kernel",
        )
        self.bias = None
        if bias_shape is not None:
            self.bias = self.add_weight(
                shape=tuple(bias_shape),
                initializer=keras_initializer(bias_init, "zeros", rngs),
                name="bias",
            )

    def call(self, x, einsum_str=None):
        einsum_str = (
            self.einsum_str if einsum_str is None else einsum_str.replace(" ", "")
        )
        y = tf.einsum(einsum_str, x, self.kernel)
        if self.bias is None:
            return y
        shape = einsum_bias_shape(einsum_str, self.kernel.shape, len(y.shape))
        return y + tf.reshape(self.bias, shape)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

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
class LoRA(keras.Layer):
    """nnx.LoRA: x @ lora_a @ lora_b, plus base_module(x) when one is given, with lora_a
    (in, rank) and lora_b (rank, out) as in Flax, starting He-uniform and zero unless
    a_initializer / b_initializer (init(key, shape)) are given, drawn from rngs."""

    def __init__(
        self,
        in_features,
        lora_rank,
        out_features,
        base_module=None,
        a_initializer=None,
        b_initializer=None,
        rngs=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "in_features": in_features,
            "lora_rank": lora_rank,
            "out_features": out_features,
            "base_module": base_module,
            "a_initializer": a_initializer,
            "b_initializer": b_initializer,
            "rngs": rngs,
        }
        self.base_module = base_module
        self.lora_a = self.add_weight(
            shape=(in_features, lora_rank),
            initializer=keras_initializer(a_initializer, "he_uniform", rngs),
            name="lora_a",
        )
        self.lora_b = self.add_weight(
            shape=(lora_rank, out_features),
            initializer=keras_initializer(b_initializer, "zeros", rngs),
            name="lora_b",
        )

    def call(self, x):
        y = tf.matmul(tf.matmul(x, self.lora_a), self.lora_b)
        return y if self.base_module is None else y + self.base_module(x)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


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


class LoRALinear(Linear):
    """nnx.LoRALinear: a Linear plus its lora, a LoRA (lora.lora_a, lora.lora_b) of the same
    input, as in Flax."""

    def __init__(
        self,
        in_features,
        out_features,
        lora_rank,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        a_initializer=None,
        b_initializer=None,
        rngs=None,
    ):
        super().__init__(
            in_features, out_features, use_bias, kernel_init, bias_init, rngs
        )
        with UnlockedState(self):  # Linear is built, so its state is locked
            self.lora = LoRA(
                in_features,
                lora_rank,
                out_features,
                a_initializer=a_initializer,
                b_initializer=b_initializer,
                rngs=rngs,
            )

    def call(self, x):
        return super().call(x) + self.lora(x)


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


def sow(module, name, value, reduce_fn=None, init_fn=None):
    """Module.sow outside nnx.capture: module.<name> becomes reduce_fn(its value, value), the
    first time reduce_fn(init_fn(), value); by default a tuple of every value sown. A graph
    tensor (a TensorFlow trace's, Keras's first symbolic call) is not kept: it would
    outlive its graph."""
    if hasattr(value, "graph"):
        return False
    if hasattr(module, name):
        previous = getattr(module, name)
    else:
        previous = () if init_fn is None else init_fn()
    setattr(
        module,
        name,
        (*previous, value) if reduce_fn is None else reduce_fn(previous, value),
    )
    return True


def truncated_normal(key, lower, upper, shape=None, dtype=tf.float32):
    """jax.random.truncated_normal, drawn as JAX does: sqrt(2) * erfinv(u), u uniform in (erf(lower / sqrt(2)), erf(upper / sqrt(2)))."""
    a = tf.math.erf(tf.cast(lower, dtype) / math.sqrt(2))
    b = tf.math.erf(tf.cast(upper, dtype) / math.sqrt(2))
    shape = tf.broadcast_static_shape(a.shape, b.shape) if shape is None else shape
    u = a + (b - a) * keras.random.uniform(shape, dtype=dtype, seed=key)
    return tf.clip_by_value(math.sqrt(2) * tf.math.erfinv(u), lower, upper)


# the project's initializers, named once
def base_kernel_init(key, shape, dtype=tf.float32):
    return truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * (
        math.sqrt(2.0 / math.prod(shape[:-1])) / 0.87962566103423978
    )


def head_kernel_init(key, shape, dtype=tf.float32):
    return keras.random.uniform(shape, minval=-1.0, dtype=dtype, seed=key) * (
        math.sqrt(3.0)
        * math.sqrt(
            1.0 / ((math.prod(shape[:-1]) + math.prod(shape[:-2]) * shape[-1]) / 2)
        )
    )


def small_normal(key, shape, dtype=tf.float32):
    return keras.random.normal(shape, dtype=dtype, seed=key) * 0.05


def small_truncated(key, shape, dtype=tf.float32):
    return truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * 0.05


@keras.saving.register_keras_serializable(package=__name__)
class LoraHead(keras.Layer):
    def __init__(
        self,
        features: int,
        heads: int,
        head_dim: int,
        rank: int,
        n_out: int,
        *,
        rngs,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "features": features,
            "heads": heads,
            "head_dim": head_dim,
            "rank": rank,
            "n_out": n_out,
            "rngs": rngs,
        }
        base = Linear(
            features,
            features,
            kernel_init=base_kernel_init,
            bias_init=lambda key, shape, dtype=tf.float32: tf.fill(
                shape, tf.constant(0.1, dtype=dtype)
            ),
            rngs=rngs,
        )
        # b starts at zero in Flax, which hides the adapter: start it small instead
        self.adapter = LoRA(
            features,
            rank,
            features,
            base_module=base,
            b_initializer=small_normal,
            rngs=rngs,
        )
        self.project = Einsum(
            "...d,dhk->...hk",
            (features, heads, head_dim),
            bias_shape=(heads, head_dim),
            kernel_init=head_kernel_init,
            rngs=rngs,
        )
        self.readout = LoRALinear(
            heads * head_dim, n_out, rank, b_initializer=small_truncated, rngs=rngs
        )
        self.scale = keras.Variable(tf.ones((n_out,), dtype=tf.float32))
        self.post = {
            "gate": Linear(n_out, n_out, rngs=rngs),
            "shift": Linear(n_out, n_out, use_bias=False, rngs=rngs),
        }

    def call(self, x):
        h = tf.nn.gelu(self.adapter(x), approximate=True)
        sow(self, "hidden_rms", tf.sqrt(tf.reduce_mean(h**2)))
        y = self.project(h)
        y = tf.reshape(y, (y.shape[0], y.shape[1], -1))
        out = self.readout(y) * self.scale.value
        return out * tf.sigmoid(self.post["gate"](out)) + self.post["shift"](out)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


def adapter_delta(model: LoraHead, x):
    """What the adapter adds to its base Linear."""
    a = model.adapter
    return tnp.matmul(tnp.matmul(x, a.lora_a[...]), a.lora_b[...])
