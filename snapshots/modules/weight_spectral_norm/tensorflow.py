"""WeightNorm and SpectralNorm wrapping Linear and Conv layers, with their options:
feature axes (one, several, none), no scale, an epsilon, several power-iteration steps,
statistics updated or frozen by the constructor or the call."""

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


def flax_params(layer, path=()):
    """(Flax path, variable) of each trainable variable of layer, found through its
    attributes, lists and dicts of sublayers: Keras' Dense and Embedding keep their kernel
    and embeddings as _kernel and _embeddings behind properties; embeddings is Flax's
    embedding."""
    if isinstance(layer, dict):
        items = layer.items()
    elif isinstance(layer, (list, tuple)):
        items = enumerate(layer)
    else:
        items = vars(layer).items()
    found = []
    for key, value in items:
        key = str(key)
        if isinstance(value, keras.Variable):
            name = key.lstrip("_")
            if value.trainable and (name == key or getattr(layer, name, None) is value):
                found.append(
                    ((*path, "embedding" if name == "embeddings" else name), value)
                )
        elif not key.startswith("_") and isinstance(
            value, (keras.Layer, list, tuple, dict)
        ):
            found.extend(flax_params(value, (*path, key)))
    return found


def substituted_call(layer, values, *args, **kwargs):
    """layer(*args, **kwargs) reading each (variable, value) pair's value for its variable,
    so that gradients flow through the values; the layer's own assignments still happen."""
    with keras.StatelessScope(state_mapping=values) as scope:
        y = layer(*args, **kwargs)
    substituted = {id(variable) for variable, _ in values}
    for variable in layer.variables:
        value = scope.get_current_value(variable)
        if value is not None and id(variable) not in substituted:
            variable.assign(value)
    return y


@keras.saving.register_keras_serializable(package=__name__)
class SpectralNorm(keras.Layer):
    """nnx.SpectralNorm: before each call, every trainable variable of layer_instance with
    two axes or more (the leading ones flattened) is divided by its largest singular value
    sigma, estimated with n_steps of power iteration from the vector u, and Flax writes it
    into the layer: so does this (gradients reach the variable the call started from,
    through sigma). u and sigma, non-trainable variables of batch_stats named by the
    variable's Flax path, keep the new estimates when update_stats (the call's, else
    Keras' training, else the constructor's) is true. u starts random, drawn from rngs."""

    def __init__(
        self,
        layer_instance,
        n_steps=1,
        epsilon=1e-12,
        update_stats=True,
        rngs=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "layer_instance": layer_instance,
            "n_steps": n_steps,
            "epsilon": epsilon,
            "update_stats": update_stats,
            "rngs": rngs,
        }
        self.layer_instance = layer_instance
        self.n_steps = n_steps
        self.epsilon = epsilon
        self.use_running_average = not update_stats
        batch_stats = {}
        key = None if rngs is None else rngs.params()
        for path, variable in self.matrices():
            name = "_".join(path)
            u = keras.random.normal((1, variable.shape[-1]), stddev=0.01, seed=key)
            batch_stats[name + "_u"] = keras.Variable(
                u, trainable=False, name=name + "_u"
            )
            sigma = keras.Variable(1.0, trainable=False, name=name + "_sigma")
            batch_stats[name + "_sigma"] = sigma
        self.batch_stats = batch_stats

    @staticmethod
    def l2_normalize(x, epsilon):
        return x * tf.math.rsqrt(tf.reduce_sum(x * x) + epsilon)

    def matrices(self):
        """(Flax path, variable) of the variables normalized."""
        params = flax_params(self.layer_instance)
        return [(p, v) for p, v in params if len(v.shape) > 1 and self.n_steps >= 1]

    def call(self, x, update_stats=None, training=None):
        if update_stats is None:
            update_stats = (
                not self.use_running_average if training is None else training
            )
        values = []
        for path, variable in self.matrices():
            matrix = tf.reshape(variable, (-1, variable.shape[-1]))
            stats = "_".join(path)
            u = tf.convert_to_tensor(self.batch_stats[stats + "_u"])
            for _ in range(self.n_steps):
                v = self.l2_normalize(
                    tf.matmul(u, matrix, transpose_b=True), self.epsilon
                )
                u = self.l2_normalize(tf.matmul(v, matrix), self.epsilon)
            u, v = tf.stop_gradient(u), tf.stop_gradient(v)
            sigma = tf.matmul(tf.matmul(v, matrix), u, transpose_b=True)[0, 0]
            matrix = matrix / tf.where(sigma != 0, sigma, 1.0)
            matrix = tf.reshape(matrix, variable.shape)
            values.append((variable, matrix))
            if update_stats:
                self.batch_stats[stats + "_u"].assign(u)
                self.batch_stats[stats + "_sigma"].assign(sigma)
            variable.assign(matrix)
        return substituted_call(self.layer_instance, values, x)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class WeightNorm(keras.Layer):
    """nnx.WeightNorm: before each call, every kernel of layer_instance becomes its value
    l2-normalized over the axes but feature_axes times its scale, and Flax writes it into
    the layer: so does this (gradients reach the kernel the call started from). The
    scales, ones unless scale_init(key, shape) is given, are non-trainable variables of
    scales named by the kernel's Flax path, as Flax keeps them outside its Params;
    scale_init draws from rngs."""

    def __init__(
        self,
        layer_instance,
        feature_axes=-1,
        use_scale=True,
        scale_init=None,
        epsilon=1e-12,
        rngs=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "layer_instance": layer_instance,
            "feature_axes": feature_axes,
            "use_scale": use_scale,
            "scale_init": scale_init,
            "epsilon": epsilon,
            "rngs": rngs,
        }
        self.layer_instance = layer_instance
        self.feature_axes = () if feature_axes is None else feature_axes
        self.epsilon = epsilon
        self.scales = None
        key = None if rngs is None else rngs.params()
        if use_scale:
            scales = {}
            for path, kernel in self.kernels():
                shape = tuple(kernel.shape[a] for a in self.axes(len(kernel.shape)))
                value = tf.ones(shape) if scale_init is None else scale_init(key, shape)
                name = "_".join(path)
                scales[name] = keras.Variable(value, trainable=False, name=name)
            self.scales = scales

    def kernels(self):
        return [p for p in flax_params(self.layer_instance) if "kernel" in p[0]]

    def axes(self, ndim):
        axes = self.feature_axes
        return sorted({a % ndim for a in ((axes,) if isinstance(axes, int) else axes)})

    def call(self, x, *args, **kwargs):
        values = []
        for path, variable in self.kernels():
            kernel = tf.convert_to_tensor(variable)
            features = self.axes(len(kernel.shape))
            reduced = [a for a in range(len(kernel.shape)) if a not in features]
            squares = tf.reduce_sum(kernel * kernel, axis=reduced, keepdims=True)
            kernel = kernel * tf.math.rsqrt(squares + self.epsilon)
            if self.scales is not None:
                shape = [
                    kernel.shape[a] if a in features else 1
                    for a in range(len(kernel.shape))
                ]
                kernel = kernel * tf.reshape(self.scales["_".join(path)], shape)
            values.append((variable, kernel))
            variable.assign(kernel)
        return substituted_call(self.layer_instance, values, x, *args, **kwargs)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


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
class Model(keras.Layer):
    def __init__(self, features: int, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"features": features, "rngs": rngs}
        self.weighted = WeightNorm(Linear(features, 5, rngs=rngs), rngs=rngs)
        self.unscaled = WeightNorm(
            Linear(5, 4, rngs=rngs),
            feature_axes=0,
            use_scale=False,
            epsilon=1e-6,
            rngs=rngs,
        )
        self.whole = WeightNorm(
            Conv(features, 3, (3, 3), rngs=rngs), feature_axes=None, rngs=rngs
        )
        self.windows = WeightNorm(
            Conv(features, 2, (2, 2), rngs=rngs), feature_axes=(0, 3), rngs=rngs
        )
        self.spectral = SpectralNorm(Linear(4, 6, rngs=rngs), rngs=rngs)
        self.frozen = SpectralNorm(
            Linear(6, 3, rngs=rngs), update_stats=False, rngs=rngs
        )
        self.forced = SpectralNorm(
            Linear(3, 3, rngs=rngs), update_stats=False, rngs=rngs
        )
        self.spectral_conv = SpectralNorm(
            Conv(features, 2, (2, 2), rngs=rngs), n_steps=3, rngs=rngs
        )

    def call(self, x, images):
        y = self.unscaled(tf.nn.relu(self.weighted(x)))
        y = self.forced(self.frozen(tf.tanh(self.spectral(y))), update_stats=True)
        maps = (
            tf.reduce_mean(self.whole(images), axis=(1, 2))
            + tf.reduce_sum(self.windows(images), axis=(1, 2, 3))[:, None]
        )
        return y + maps, self.spectral_conv(images, update_stats=False)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)
