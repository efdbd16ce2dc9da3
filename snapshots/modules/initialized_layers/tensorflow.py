"""Layers given initializers, as a GPT-style or ResNet-style file passes them: Conv,
ConvTranspose and Embed's kernels, and the norms' scales and biases."""

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
class BatchNorm(keras.Layer):
    """nnx.BatchNorm as in Flax, over every axis but axis (the features, last by default).

    In training mode x is normalized with the batch's mean and biased variance
    (E[x^2] - E[x]^2, clipped at 0) over every other axis, and the running averages
    mean and var are updated as momentum * running + (1 - momentum) * batch. With
    use_running_average the running averages normalize x and stay as they are.

    The mode is use_running_average given per call, else Keras' training argument
    (model(x, training=False), model.predict and model.evaluate use the running
    averages; training=True and model.fit the batch), else the constructor's
    use_running_average: with neither given a call trains, as in Flax (Keras'
    BatchNormalization would use the running averages). The scale and bias start at ones
    and zeros unless scale_init / bias_init (init(key, shape)) draw them from rngs."""

    def __init__(
        self,
        num_features,
        use_running_average=False,
        axis=-1,
        momentum=0.99,
        epsilon=1e-5,
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
            "use_running_average": use_running_average,
            "axis": axis,
            "momentum": momentum,
            "epsilon": epsilon,
            "use_bias": use_bias,
            "use_scale": use_scale,
            "scale_init": scale_init,
            "bias_init": bias_init,
            "rngs": rngs,
        }
        # use_running_average may be passed positionally, as in Flax
        self._allow_non_tensor_positional_args = True
        self.use_running_average = use_running_average
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        shape = (num_features,)
        self.mean = self.add_weight(
            shape=shape, initializer="zeros", trainable=False, name="mean"
        )
        self.var = self.add_weight(
            shape=shape, initializer="ones", trainable=False, name="var"
        )
        self.scale, self.bias = norm_weights(
            self, num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def call(self, x, use_running_average=None, training=None):
        if use_running_average is None and training is not None:
            use_running_average = not training
        if use_running_average is None:
            use_running_average = self.use_running_average
        axis = self.axis % len(x.shape)
        x = tf.experimental.numpy.moveaxis(x, axis, -1)
        if use_running_average:
            mean, var = self.mean, self.var
        else:
            axes = list(range(len(x.shape) - 1))
            mean = tf.reduce_mean(x, axis=axes)
            var = tf.maximum(
                tf.reduce_mean(tf.square(x), axis=axes) - tf.square(mean), 0.0
            )
            self.mean.assign(self.momentum * self.mean + (1 - self.momentum) * mean)
            self.var.assign(self.momentum * self.var + (1 - self.momentum) * var)
        multiplier = tf.math.rsqrt(var + self.epsilon)
        if self.scale is not None:
            multiplier = multiplier * self.scale
        y = (x - mean) * multiplier
        if self.bias is not None:
            y = y + self.bias
        return tf.experimental.numpy.moveaxis(y, -1, axis)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


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


def group_count(num_features, num_groups, group_size):
    """nnx.GroupNorm's number of groups: num_groups, or num_features // group_size."""
    if (num_groups is None) == (group_size is None):
        raise ValueError("give exactly one of num_groups and group_size")
    if group_size is not None:
        num_groups = num_features // group_size
    if num_features % num_groups:
        raise ValueError("the number of groups must divide the number of features")
    return num_groups


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
class LayerNorm(keras.Layer):
    """nnx.LayerNorm over the last axis, as Flax computes it: variance E[x^2] - E[x]^2
    (clipped at 0), epsilon 1e-6 by default (Keras' LayerNormalization uses 1e-3). The scale and bias start at ones and zeros unless
    scale_init / bias_init (init(key, shape)) draw them from rngs."""

    def __init__(
        self,
        num_features,
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
            "epsilon": epsilon,
            "use_bias": use_bias,
            "use_scale": use_scale,
            "scale_init": scale_init,
            "bias_init": bias_init,
            "rngs": rngs,
        }
        self.epsilon = epsilon
        self.scale, self.bias = norm_weights(
            self, num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def call(self, x):
        mean = tf.reduce_mean(x, axis=-1, keepdims=True)
        variance = tf.maximum(
            tf.reduce_mean(tf.square(x), axis=-1, keepdims=True) - tf.square(mean), 0.0
        )
        y = (x - mean) * tf.math.rsqrt(variance + self.epsilon)
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y

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


def getitem(x, index):
    """x[index] with NumPy indexing, integer-array indices included (as in JAX)."""
    items = list(index) if isinstance(index, tuple) else [index]
    simple = int, slice, type(None), type(Ellipsis)
    if all(isinstance(item, simple) for item in items):
        return x[index]
    ellipsis = [n for n, item in enumerate(items) if item is Ellipsis]
    if ellipsis:
        used = sum(item is not None for item in items) - 1
        at = ellipsis[0]
        items[at : at + 1] = [slice(None)] * (len(x.shape) - used)
    # Slice first, with a full slice where an array or integer indexes an axis.
    basic, axes, arrays = [], [], []
    for item in items:
        if item is None or isinstance(item, slice):
            basic.append(item)
        else:
            basic.append(slice(None))
            axes.append(len(basic) - 1)
            arrays.append(tf.cast(item, tf.int32))
    sliced = x[tuple(basic)]
    size = tf.shape(sliced)
    arrays = [tf.where(a < 0, a + size[axis], a) for a, axis in zip(arrays, axes)]
    shape = tf.shape(arrays[0])
    for a in arrays[1:]:
        shape = tf.broadcast_dynamic_shape(shape, tf.shape(a))
    indices = tf.stack([tf.broadcast_to(a, shape) for a in arrays], axis=-1)
    # Gather the indexed axes, moved to the front; the broadcast index shape leads.
    rest = [axis for axis in range(len(sliced.shape)) if axis not in axes]
    out = tf.gather_nd(tf.transpose(sliced, axes + rest), indices)
    if axes != list(range(axes[0], axes[0] + len(axes))) or axes[0] == 0:
        return out
    # Adjacent indexed axes: their result axes stay where they were.
    lead = len(out.shape) - len(rest)
    order = list(range(lead, len(out.shape)))
    return tf.transpose(out, order[: axes[0]] + list(range(lead)) + order[axes[0] :])


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


def orthogonal(key, n, m=None, dtype=tf.float32):
    """jax.random.orthogonal: an (n, m) matrix (m None: n) with orthonormal columns (rows
    when n < m), drawn as JAX does: the Q of a standard normal's QR decomposition, each
    column's sign that of R's diagonal entry, transposed when n < m."""
    m = n if m is None else m
    z = keras.random.normal((max(n, m), min(n, m)), dtype=dtype, seed=key)
    q, r = tf.linalg.qr(z)
    q = q * tf.sign(tf.linalg.diag_part(r))
    return tf.transpose(q) if n < m else q


def truncated_normal(key, lower, upper, shape=None, dtype=tf.float32):
    """jax.random.truncated_normal, drawn as JAX does: sqrt(2) * erfinv(u), u uniform in (erf(lower / sqrt(2)), erf(upper / sqrt(2)))."""
    a = tf.math.erf(tf.cast(lower, dtype) / math.sqrt(2))
    b = tf.math.erf(tf.cast(upper, dtype) / math.sqrt(2))
    shape = tf.broadcast_static_shape(a.shape, b.shape) if shape is None else shape
    u = a + (b - a) * keras.random.uniform(shape, dtype=dtype, seed=key)
    return tf.clip_by_value(math.sqrt(2) * tf.math.erfinv(u), lower, upper)


def embed_init(key, shape, dtype=tf.float32):
    return keras.random.normal(shape, dtype=dtype, seed=key) * 0.02


def conv_init(key, shape, dtype=tf.float32):
    return truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * (
        math.sqrt(2.0 / math.prod(shape[:-1])) / 0.87962566103423978
    )


def conv_bias_init(key, shape, dtype=tf.float32):
    return tf.fill(shape, tf.constant(0.1, dtype=dtype))


def up_init(key, shape, dtype=tf.float32, c=-2):
    return (
        tnp.moveaxis(
            tf.reshape(
                orthogonal(
                    key,
                    math.prod(shape) // getitem(shape, c),
                    m=getitem(shape, c),
                    dtype=dtype,
                ),
                (*shape[:c], *shape[c:][1:], getitem(shape, c)),
            ),
            -1,
            c,
        )
        * 0.5
    )


@keras.saving.register_keras_serializable(package=__name__)
class TokenConv(keras.Layer):
    def __init__(self, vocab: int, dim: int, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"vocab": vocab, "dim": dim, "rngs": rngs}
        self.embed = Embed(vocab, dim, embedding_init=embed_init, rngs=rngs)
        self.conv = Conv(
            dim,
            2 * dim,
            (3,),
            kernel_init=conv_init,
            bias_init=conv_bias_init,
            rngs=rngs,
        )
        self.up = ConvTranspose(
            2 * dim,
            2 * dim,
            (3,),
            strides=(2,),
            kernel_init=up_init,
            bias_init=lambda key, shape, dtype=tf.float32: (
                keras.random.normal(shape, dtype=dtype, seed=key) * 0.01
            ),
            rngs=rngs,
        )
        self.group = GroupNorm(
            2 * dim,
            num_groups=4,
            scale_init=lambda key, shape, dtype=tf.float32: tf.fill(
                shape, tf.constant(1.5, dtype=dtype)
            ),
            bias_init=lambda key, shape, dtype=tf.float32: tf.fill(
                shape, tf.constant(-0.5, dtype=dtype)
            ),
            rngs=rngs,
        )
        self.instance = GroupNorm(
            2 * dim,
            num_groups=None,
            group_size=1,
            scale_init=lambda key, shape, dtype=tf.float32: (
                keras.random.uniform(shape, dtype=dtype, seed=key) * 2.0
            ),
            rngs=rngs,
        )
        self.batch = BatchNorm(
            2 * dim,
            bias_init=lambda key, shape, dtype=tf.float32: tf.fill(
                shape, tf.constant(0.25, dtype=dtype)
            ),
            rngs=rngs,
        )
        self.out = Conv(
            2 * dim,
            dim,
            (1,),
            kernel_init=lambda key, shape, dtype=tf.float32: (
                keras.random.uniform(shape, minval=-1.0, dtype=dtype, seed=key)
                * (
                    math.sqrt(3.0)
                    * math.sqrt(
                        1.0
                        / (
                            (math.prod(shape[:-1]) + math.prod(shape[:-2]) * shape[-1])
                            / 2
                        ),
                    )
                )
            ),
            rngs=rngs,
        )
        self.norm = LayerNorm(
            dim,
            scale_init=lambda key, shape, dtype=tf.float32: (
                keras.random.normal(shape, dtype=dtype, seed=key) * 1.0
            ),
            bias_init=lambda key, shape, dtype=tf.float32: tf.zeros(shape, dtype=dtype),
            rngs=rngs,
        )
        self.rms = RMSNorm(
            dim,
            scale_init=lambda key, shape, dtype=tf.float32: tf.fill(
                shape, tf.constant(2.0, dtype=dtype)
            ),
            rngs=rngs,
        )

    def call(self, tokens):
        h = self.up(tf.nn.relu(self.conv(self.embed(tokens))))
        h = h + self.group(h)
        h = h + self.batch(h) + self.instance(h)
        return self.embed.attend(self.rms(self.norm(self.out(h))))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)
