"""RMSNorm, GroupNorm and InstanceNorm with their options, LinearGeneral over one and two axes, and pooling (imported from flax.linen, as real NNX files do) with
'SAME', 'VALID' and explicit padding, strides, count_include_pad, 1-D windows and extra batch axes."""

import math

import keras
import numpy as np
import tensorflow as tf


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


def group_count(num_features, num_groups, group_size):
    """nnx.GroupNorm's number of groups: num_groups, or num_features // group_size."""
    if (num_groups is None) == (group_size is None):
        raise ValueError("give exactly one of num_groups and group_size")
    if group_size is not None:
        num_groups = num_features // group_size
    if num_features % num_groups:
        raise ValueError("the number of groups must divide the number of features")
    return num_groups


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


def norm_weights(layer, num_features, use_scale, use_bias, scale_init, bias_init, rngs):
    """A norm layer's scale and bias weights (None where unused): ones and zeros of
    (num_features,), unless scale_init / bias_init (init(key, shape)) draw them from rngs."""
    scale = bias = None
    if use_scale:
        scale = layer.add_weight(
            shape=(num_features,),
            initializer=keras_initializer(scale_init, "ones", rngs),
            name="scale",
        )
    if use_bias:
        bias = layer.add_weight(
            shape=(num_features,),
            initializer=keras_initializer(bias_init, "zeros", rngs),
            name="bias",
        )
    return scale, bias


@keras.saving.register_keras_serializable(package=__name__)
class GroupNorm(keras.Layer):
    """nnx.GroupNorm on channels-last inputs (batch, ..., features), as Flax computes it.

    The features split into num_groups groups of consecutive ones (or groups of
    group_size); each example's group is normalized with its mean and variance
    E[x^2] - E[x]^2 (clipped at 0) over every axis but the first, then scaled and
    shifted per feature. The scale and bias start at ones and zeros unless
    scale_init / bias_init (init(key, shape)) draw them from rngs."""

    def __init__(
        self,
        num_features,
        num_groups=32,
        group_size=None,
        epsilon=1e-6,
        use_bias=True,
        use_scale=True,
        scale_init=None,
        bias_init=None,
        rngs=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "num_features": num_features,
            "num_groups": num_groups,
            "group_size": group_size,
            "epsilon": epsilon,
            "use_bias": use_bias,
            "use_scale": use_scale,
            "scale_init": scale_init,
            "bias_init": bias_init,
            "rngs": rngs,
        }
        self.num_groups = group_count(num_features, num_groups, group_size)
        self.epsilon = epsilon
        self.scale, self.bias = norm_weights(
            self, num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def call(self, x):
        groups = tf.reshape(x, [*x.shape[:-1], self.num_groups, -1])
        axes = [*range(1, len(x.shape) - 1), -1]
        mean = tf.reduce_mean(groups, axis=axes, keepdims=True)
        variance = tf.maximum(
            tf.reduce_mean(tf.square(groups), axis=axes, keepdims=True)
            - tf.square(mean),
            0.0,
        )
        y = tf.reshape(
            (groups - mean) * tf.math.rsqrt(variance + self.epsilon), tf.shape(x)
        )
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class LinearGeneral(keras.Layer):
    """nnx.LinearGeneral over the trailing axes, with Flax's names and layouts: x's last
    len(in_shape) axes (an int is one) contracted with kernel (*in_shape, *out_shape),
    plus bias (*out_shape). As Flax does, kernel_init draws the kernel flattened to
    (prod(in_shape), prod(out_shape)) (LeCun normal, truncated, by default) and bias_init
    the bias flattened (zeros by default), from rngs."""

    def __init__(
        self,
        in_shape,
        out_shape,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "in_shape": in_shape,
            "out_shape": out_shape,
            "use_bias": use_bias,
            "kernel_init": kernel_init,
            "bias_init": bias_init,
            "rngs": rngs,
        }
        self.in_shape = (in_shape,) if isinstance(in_shape, int) else tuple(in_shape)
        out_shape = (out_shape,) if isinstance(out_shape, int) else tuple(out_shape)
        fan_in, fan_out = math.prod(self.in_shape), math.prod(out_shape)

        def flattened(init, default, flat_shape):
            initializer = keras_initializer(init, default, rngs)
            return lambda shape, dtype=None: tf.reshape(
                initializer(flat_shape, dtype), shape
            )

        self.kernel = self.add_weight(
            shape=(*self.in_shape, *out_shape),
            initializer=flattened(kernel_init, "lecun_normal", (fan_in, fan_out)),
            name="kernel",
        )
        # x's contracted axes, then the kernel's output axes, as letters
        n, axes = len(self.in_shape), "abcdefghijklmnopqrstuvwxyz"
        axes = axes[: n + len(out_shape)]
        self.equation = f"...{axes[:n]},{axes}->...{axes[n:]}"
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(
                shape=out_shape,
                initializer=flattened(bias_init, "zeros", (fan_out,)),
                name="bias",
            )

    def call(self, x):
        # one einsum, as Keras' EinsumDense (reshape, matmul, reshape: more ops)
        y = tf.einsum(self.equation, x, self.kernel)
        return y if self.bias is None else y + self.bias

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class RMSNorm(keras.Layer):
    """nnx.RMSNorm over the last axis, as in Flax: x * rsqrt(mean(x^2) + epsilon) * scale;
    the scale starts at ones unless scale_init (init(key, shape)) draws it from rngs."""

    def __init__(
        self,
        num_features,
        epsilon=1e-6,
        use_scale=True,
        scale_init=None,
        rngs=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "num_features": num_features,
            "epsilon": epsilon,
            "use_scale": use_scale,
            "scale_init": scale_init,
            "rngs": rngs,
        }
        self.epsilon = epsilon
        self.scale, _ = norm_weights(
            self, num_features, use_scale, False, scale_init, None, rngs
        )

    def call(self, x):
        y = x * tf.math.rsqrt(
            tf.reduce_mean(tf.square(x), axis=-1, keepdims=True) + self.epsilon
        )
        return y if self.scale is None else y * self.scale

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

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


def conv_padding(padding, sizes, kernel_size, strides):
    """(low, high) padding per spatial axis, as Flax computes it."""
    if padding == "VALID":
        return [(0, 0)] * len(sizes)
    if padding == "SAME":
        pads = []
        for size, window, stride in zip(sizes, kernel_size, strides):
            total = max((-(size // -stride) - 1) * stride + window - size, 0)
            pads.append((total // 2, total - total // 2))
        return pads
    if isinstance(padding, int):
        return [(padding, padding)] * len(sizes)
    return [(p, p) if isinstance(p, int) else tuple(p) for p in padding]


def pool(x, window_shape, strides, padding, value, pooling_type):
    """flax.linen.pooling.pool over the window axes of x (batch..., *window, features): x
    padded with value as lax.reduce_window pads it ('SAME': the smaller half before),
    then tf.nn.pool's pooling_type ('MAX' or 'AVG') over each window."""
    spatial = len(window_shape)
    strides = (1,) * spatial if strides is None else tuple(strides)
    batch = tf.shape(x)[: len(x.shape) - spatial - 1]
    x = tf.reshape(x, tf.concat([[-1], tf.shape(x)[len(x.shape) - spatial - 1 :]], 0))
    pads = conv_padding(padding, x.shape[1:-1], window_shape, strides)
    x = tf.pad(x, [(0, 0), *pads, (0, 0)], constant_values=value)
    # without an explicit data_format, the gradient of a 3-D pool fails
    data_format = ("NWC", "NHWC", "NDHWC")[spatial - 1]
    y = tf.nn.pool(
        x,
        window_shape,
        pooling_type,
        strides=strides,
        padding="VALID",
        data_format=data_format,
    )
    return tf.reshape(y, tf.concat([batch, tf.shape(y)[1:]], 0))


def avg_pool(
    inputs, window_shape, strides=None, padding="VALID", count_include_pad=True
):
    """nnx.avg_pool: the mean of each window, padded entries counted as zeros; with
    count_include_pad=False, the sum over the entries of inputs the window covers."""
    y = pool(inputs, window_shape, strides, padding, 0.0, "AVG")
    if not count_include_pad:
        ones = tf.ones([*inputs.shape[:-1], 1], dtype=inputs.dtype)
        y = y / pool(ones, window_shape, strides, padding, 0.0, "AVG")
    return y


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


def max_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.max_pool: the maximum of each window; padding is -inf, so it never wins."""
    return pool(inputs, window_shape, strides, padding, -math.inf, "MAX")


def min_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.min_pool: the minimum of each window (padding never wins)."""
    return -max_pool(-inputs, window_shape, strides, padding)


@keras.saving.register_keras_serializable(package=__name__)
class Norms(keras.Layer):
    def __init__(self, features: int, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"features": features, "rngs": rngs}
        self.rms = RMSNorm(features)
        self.rms_plain = RMSNorm(features, epsilon=1e-3, use_scale=False)
        self.groups = GroupNorm(features, num_groups=2)
        self.sized = GroupNorm(features, num_groups=None, group_size=2, epsilon=1e-5)
        self.unscaled = GroupNorm(features, num_groups=3, use_scale=False)
        self.unshifted = GroupNorm(features, num_groups=1, use_bias=False)
        self.instance = GroupNorm(features, num_groups=None, group_size=1, epsilon=1e-5)

    def call(self, x):
        y = self.groups(x) + self.sized(x * 3.0 + 1.0)
        y = self.unscaled(tf.nn.silu(y)) * self.unshifted(y)
        return self.rms(y) + self.rms_plain(x) + self.instance(y * x)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


def pools(x):
    """Every pooling option over (batch, h, w, features) maps."""
    a = avg_pool(x, (2, 2))
    b = avg_pool(x, (3, 3), strides=(2, 2), padding="SAME")
    c = avg_pool(x, (3, 3), strides=(2, 2), padding="SAME", count_include_pad=False)
    d = max_pool(x, (2, 3), strides=(1, 2), padding=((1, 0), (1, 1)))
    e = min_pool(x, (3, 3), strides=(2, 2), padding="SAME")
    f = avg_pool(x, (2, 2), padding=((0, 1), (1, 1)), count_include_pad=False)
    return a, b, c, d, e, f


def sequence_pools(s):
    """1-D windows over (length, features) and (batch, batch, length, features) inputs."""
    return (
        max_pool(s, (3,), strides=(2,)),
        avg_pool(s, (2,), padding="SAME"),
        max_pool(s, (2,)),
    )


@keras.saving.register_keras_serializable(package=__name__)
class Model(keras.Layer):
    def __init__(self, features: int, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"features": features, "rngs": rngs}
        self.norms = Norms(features, rngs)
        self.split = LinearGeneral(features, (2, 3), rngs=rngs)
        self.merge = LinearGeneral((2, 3), 2, use_bias=False, rngs=rngs)

    def call(self, x, s):
        y = self.norms(x)
        pooled = [tf.reduce_mean(p, axis=(1, 2)) for p in pools(tf.nn.relu(y))]
        return (
            self.merge(tf.nn.gelu(self.split(sum(pooled)), approximate=True)),
            sequence_pools(s),
        )

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)
