"""Convolution options: kernel and input dilation, feature groups (depthwise), 1-D and 3-D kernels, and
transposed convolutions with every padding mode, strides, kernel dilation and transpose_kernel."""

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


def depthwise_conv(x, kernel, stride, padding, dilation):
    """A 1-D or 2-D convolution with one group per input feature, x (batch, *spatial, in) and
    kernel (*window, 1, out), as tf.nn.depthwise_conv2d, which has a gradient on the CPU where
    a grouped tf.nn.convolution has none: output feature g * m + j reads input feature g, as
    in lax."""
    one_d = len(kernel.shape) == 3
    if one_d:  # as a 2-D convolution of height 1
        x, kernel = x[:, None], kernel[None]
    if isinstance(dilation, int):
        dilation = dilation, dilation
    elif one_d:
        dilation = 1, *dilation
    filters = tf.reshape(kernel, (*kernel.shape[:2], x.shape[-1], -1))
    y = tf.nn.depthwise_conv2d(
        x, filters, (1, stride, stride, 1), padding, dilations=dilation
    )
    return y[:, 0] if one_d else y


def dilate(x, factors, first_axis):
    """lax's lhs dilation: factor - 1 zeros between neighbouring entries of each axis
    from first_axis on."""
    for axis, factor in enumerate(factors, first_axis):
        if factor > 1:
            size = x.shape[axis]
            x = tf.expand_dims(x, axis + 1)
            x = tf.pad(
                x,
                [
                    (0, factor - 1) if a == axis + 1 else (0, 0)
                    for a in range(len(x.shape))
                ],
            )
            x = tf.reshape(x, [*x.shape[:axis], size * factor, *x.shape[axis + 2 :]])
            x = x[(slice(None),) * axis + (slice((size - 1) * factor + 1),)]
    return x


def conv_general_dilated(
    x, kernel, strides, padding, input_dilation, kernel_dilation, feature_group_count
):
    """lax.conv_general_dilated as nnx.Conv calls it: x (batch..., *spatial, in), any number of
    leading batch axes, kernel (*window, in // feature_group_count, out).

    TensorFlow's 'SAME' pads as XLA does (the smaller half before), like Flax. TensorFlow
    cannot dilate the kernel and stride at once: the kernel is then dilated with zeros. Its
    CPU kernels have no gradient of a grouped convolution: a depthwise one is
    tf.nn.depthwise_conv2d, any other each group convolved on its own."""
    spatial = len(kernel.shape) - 2
    batch = tf.shape(x)[: len(x.shape) - spatial - 1]
    x = tf.reshape(x, tf.concat([[-1], tf.shape(x)[len(x.shape) - spatial - 1 :]], 0))
    x = dilate(x, input_dilation, 1)
    if not isinstance(padding, str):
        x = tf.pad(
            x,
            [
                (0, 0),
                *conv_padding(padding, x.shape[1:-1], kernel.shape[:spatial], strides),
                (0, 0),
            ],
        )
        padding = "VALID"
    if max(strides) > 1 and max(kernel_dilation) > 1:
        kernel = dilate(kernel, kernel_dilation, 0)
        kernel_dilation = 1
    # without an explicit data_format, the gradient of a 3-D convolution fails
    data_format = ("NWC", "NHWC", "NDHWC")[spatial - 1]
    depthwise = 1 < feature_group_count == x.shape[-1] and spatial < 3
    if depthwise and len(set(strides)) == 1:
        y = depthwise_conv(x, kernel, strides[0], padding, kernel_dilation)
        return tf.reshape(y, tf.concat([batch, tf.shape(y)[1:]], 0))
    # TensorFlow's CPU kernels have no gradient of a grouped convolution: each group is
    # convolved on its own
    groups = feature_group_count
    outputs = []
    for xs, ks in zip(tf.split(x, groups, axis=-1), tf.split(kernel, groups, axis=-1)):
        y = tf.nn.convolution(
            xs,
            ks,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilations=kernel_dilation,
        )
        outputs.append(y)
    y = tf.concat(outputs, -1)
    return tf.reshape(y, tf.concat([batch, tf.shape(y)[1:]], 0))


def conv_sizes(kernel_size, *values):
    """kernel_size as a tuple, then each value (an int, None for 1, or one int per spatial
    axis) as a tuple with one int per spatial axis, as Flax broadcasts them."""
    kernel_size = (kernel_size,) if isinstance(kernel_size, int) else tuple(kernel_size)
    sizes = [kernel_size]
    for value in values:
        if value is None:
            value = 1
        sizes.append(
            (value,) * len(kernel_size) if isinstance(value, int) else tuple(value)
        )
    return sizes


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
class Conv(keras.Layer):
    """nnx.Conv: channels-last convolution with Flax's kernel (*kernel_size, in // feature_group_count, out),
    LeCun-normal and a zero bias unless kernel_init / bias_init (init(key, shape)) are given,
    drawn from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        kernel_size,
        strides=1,
        padding="SAME",
        input_dilation=1,
        kernel_dilation=1,
        feature_group_count=1,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "in_features": in_features,
            "out_features": out_features,
            "kernel_size": kernel_size,
            "strides": strides,
            "padding": padding,
            "input_dilation": input_dilation,
            "kernel_dilation": kernel_dilation,
            "feature_group_count": feature_group_count,
            "use_bias": use_bias,
            "kernel_init": kernel_init,
            "bias_init": bias_init,
            "rngs": rngs,
        }
        self.kernel_size, self.strides, *dilations = conv_sizes(
            kernel_size, strides, input_dilation, kernel_dilation
        )
        self.input_dilation, self.kernel_dilation = dilations
        self.padding = padding
        self.feature_group_count = feature_group_count
        shape = *self.kernel_size, in_features // feature_group_count, out_features
        self.kernel = self.add_weight(
            shape=shape,
            initializer=keras_initializer(kernel_init, "lecun_normal", rngs),
            name="kernel",
        )
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(
                shape=(out_features,),
                initializer=keras_initializer(bias_init, "zeros", rngs),
                name="bias",
            )

    def call(self, x):
        y = conv_general_dilated(
            x,
            self.kernel,
            self.strides,
            self.padding,
            self.input_dilation,
            self.kernel_dilation,
            self.feature_group_count,
        )
        return y if self.bias is None else y + self.bias

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


def conv_transpose_padding(padding, kernel_size, strides, kernel_dilation):
    """(low, high) padding of the stride-dilated input per spatial axis, as lax.conv_transpose
    computes it for 'SAME' and 'VALID' (for the dilated kernel); explicit padding is as given."""
    if padding not in ("SAME", "VALID"):
        return conv_padding(padding, kernel_size, kernel_size, strides)
    pads = []
    for size, stride, dilation in zip(kernel_size, strides, kernel_dilation):
        window = (size - 1) * dilation + 1
        if padding == "SAME":
            total = window + stride - 2
            low = window - 1 if stride > window - 1 else -(total // -2)
        else:
            total = window + stride - 2 + max(window - stride, 0)
            low = window - 1
        pads.append((low, total - low))
    return pads


@keras.saving.register_keras_serializable(package=__name__)
class ConvTranspose(keras.Layer):
    """nnx.ConvTranspose (lax.conv_transpose), channels-last, with Flax's kernel
    (*kernel_size, in, out), or (*kernel_size, out, in) with transpose_kernel, which is
    flipped and swapped before use. The input is dilated by strides and padded as
    conv_transpose_padding computes, then convolved with stride 1. The kernel starts
    LeCun-normal and the bias zero unless kernel_init / bias_init (init(key, shape)) are
    given, drawn from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        kernel_size,
        strides=None,
        padding="SAME",
        kernel_dilation=None,
        use_bias=True,
        transpose_kernel=False,
        kernel_init=None,
        bias_init=None,
        rngs=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "in_features": in_features,
            "out_features": out_features,
            "kernel_size": kernel_size,
            "strides": strides,
            "padding": padding,
            "kernel_dilation": kernel_dilation,
            "use_bias": use_bias,
            "transpose_kernel": transpose_kernel,
            "kernel_init": kernel_init,
            "bias_init": bias_init,
            "rngs": rngs,
        }
        self.kernel_size, self.strides, self.kernel_dilation = conv_sizes(
            kernel_size, strides, kernel_dilation
        )
        self.padding = padding
        self.transpose_kernel = transpose_kernel
        features = in_features, out_features
        if transpose_kernel:
            features = out_features, in_features
        self.kernel = self.add_weight(
            shape=(*self.kernel_size, *features),
            initializer=keras_initializer(kernel_init, "lecun_normal", rngs),
            name="kernel",
        )
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(
                shape=(out_features,),
                initializer=keras_initializer(bias_init, "zeros", rngs),
                name="bias",
            )

    def call(self, x):
        kernel = self.kernel
        if self.transpose_kernel:
            spatial = len(self.kernel_size)
            kernel = tf.transpose(
                tf.reverse(kernel, list(range(spatial))),
                [*range(spatial), spatial + 1, spatial],
            )
        pads = conv_transpose_padding(
            self.padding, self.kernel_size, self.strides, self.kernel_dilation
        )
        ones = (1,) * len(self.kernel_size)
        y = conv_general_dilated(
            x, kernel, ones, pads, self.strides, self.kernel_dilation, 1
        )
        return y if self.bias is None else y + self.bias

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
class ConvOptions(keras.Layer):
    def __init__(self, channels: int, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"channels": channels, "rngs": rngs}
        self.dilated = Conv(channels, 4, (3, 3), kernel_dilation=2, rngs=rngs)
        self.dilated_strided = Conv(
            4, 4, (3, 2), strides=2, kernel_dilation=(2, 1), rngs=rngs
        )
        self.depthwise = Conv(
            4, 8, (3, 3), padding="VALID", feature_group_count=4, rngs=rngs
        )
        self.grouped = Conv(
            8, 4, (1, 1), feature_group_count=2, use_bias=False, rngs=rngs
        )
        self.spread = Conv(
            4, 4, (2, 2), padding=((1, 1), (0, 1)), input_dilation=2, rngs=rngs
        )
        self.up_same = ConvTranspose(4, 4, (3, 3), strides=2, rngs=rngs)
        self.up_valid = ConvTranspose(
            4, 3, (2, 3), strides=(2, 1), padding="VALID", rngs=rngs
        )
        self.up_explicit = ConvTranspose(
            3,
            4,
            (3, 3),
            strides=2,
            padding=((1, 2), (2, 1)),
            kernel_dilation=2,
            rngs=rngs,
        )
        self.up_flipped = ConvTranspose(
            4, 2, (4, 4), strides=2, transpose_kernel=True, rngs=rngs
        )
        self.up_plain = ConvTranspose(2, 2, 3, padding=1, use_bias=False, rngs=rngs)

    def call(self, x):
        x = tf.nn.relu(self.dilated(x))
        x = self.dilated_strided(x)
        x = self.grouped(tf.nn.relu(self.depthwise(x)))
        x = self.spread(x)
        x = self.up_valid(self.up_same(x))
        x = self.up_flipped(self.up_explicit(x))
        return self.up_plain(x)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class Sequences(keras.Layer):
    """1-D convolutions over (batch, length, features), and a 3-D one over volumes."""

    def __init__(self, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"rngs": rngs}
        self.conv = Conv(3, 6, 3, kernel_dilation=2, feature_group_count=3, rngs=rngs)
        self.up = ConvTranspose(6, 4, 4, strides=3, kernel_dilation=2, rngs=rngs)
        self.volume = Conv(
            2, 4, (2, 2, 2), strides=(1, 2, 1), feature_group_count=2, rngs=rngs
        )
        self.volume_up = ConvTranspose(
            4, 2, (2, 3, 2), strides=2, padding="VALID", rngs=rngs
        )

    def call(self, x, v):
        y = self.up(tf.nn.silu(self.conv(x)))
        w = self.volume_up(self.volume(v))
        return y, w

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class Model(keras.Layer):
    def __init__(self, channels: int, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"channels": channels, "rngs": rngs}
        self.images = ConvOptions(channels, rngs)
        self.sequences = Sequences(rngs)

    def call(self, x, s, v):
        y, w = self.sequences(s, v)
        return self.images(x), y, w

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)
