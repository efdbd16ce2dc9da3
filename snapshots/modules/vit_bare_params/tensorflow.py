"""A small ViT as Flax NNX users write one: a config dataclass, a patch Conv, a class token and position
embedding read as bare nnx.Params (`x + self.pos`), an nnx.List of attention blocks."""

import dataclasses
import math
from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf


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


@keras.saving.register_keras_serializable(package=__name__)
class MultiHeadAttention(keras.Layer):
    """nnx.MultiHeadAttention as in Flax, with dropout on the attention weights, the
    autoregressive cache (decode=True after init_cache) and normalize_qk.

    query, key, value and out are LinearGeneral projections with Flax's names and
    layouts: the query, key and value kernels are (in_features, heads, head_dim), out's
    (heads, head_dim, out_features), every projection has a bias unless use_bias=False;
    normalize_qk adds query_ln and key_ln, LayerNorms without bias over head_dim;
    init_cache adds the cached_key, cached_value and cache_index Variables.
    load_flax_state copies them all as they are. inputs_k and inputs_v default to
    inputs_q; mask (True or nonzero where a query may attend to a key) broadcasts
    against (batch..., heads, q_length, kv_length); see dot_product_attention. Dropout
    zeroes attention weights with probability dropout_rate (one mask for every batch and
    head with broadcast_dropout) unless deterministic: the call's argument, else Keras'
    training flag (fit trains, predict and evaluate do not), else the constructor's;
    it draws from the rngs' dropout stream, and the numbers differ from JAX's.

    Keras gives a call argument named mask a meaning of its own (mask propagation), so
    call names it attention_mask; __call__ takes mask=, as Flax's does.

    kernel_init and bias_init draw the query, key and value projections' weights,
    out_kernel_init and out_bias_init (else kernel_init and bias_init) out's, as in Flax
    (LeCun normal and zeros by default)."""

    def __init__(
        self,
        num_heads,
        in_features,
        qkv_features=None,
        out_features=None,
        num_kv_heads=None,
        in_kv_features=None,
        use_bias=True,
        dropout_rate=0.0,
        broadcast_dropout=True,
        deterministic=None,
        decode=None,
        normalize_qk=False,
        kernel_init=None,
        out_kernel_init=None,
        bias_init=None,
        out_bias_init=None,
        rngs=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "num_heads": num_heads,
            "in_features": in_features,
            "qkv_features": qkv_features,
            "out_features": out_features,
            "num_kv_heads": num_kv_heads,
            "in_kv_features": in_kv_features,
            "use_bias": use_bias,
            "dropout_rate": dropout_rate,
            "broadcast_dropout": broadcast_dropout,
            "deterministic": deterministic,
            "decode": decode,
            "normalize_qk": normalize_qk,
            "kernel_init": kernel_init,
            "out_kernel_init": out_kernel_init,
            "bias_init": bias_init,
            "out_bias_init": out_bias_init,
            "rngs": rngs,
        }
        qkv_features = in_features if qkv_features is None else qkv_features
        out_features = in_features if out_features is None else out_features
        num_kv_heads = num_heads if num_kv_heads is None else num_kv_heads
        in_kv_features = in_features if in_kv_features is None else in_kv_features
        if qkv_features % num_heads or num_heads % num_kv_heads:
            raise ValueError(
                "qkv_features must divide by num_heads, and num_heads by num_kv_heads"
            )
        self.num_kv_heads, self.head_dim = num_kv_heads, qkv_features // num_heads
        heads, kv_heads = (num_heads, self.head_dim), (num_kv_heads, self.head_dim)
        qkv = {"kernel_init": kernel_init, "bias_init": bias_init, "rngs": rngs}
        self.query = LinearGeneral((in_features,), heads, use_bias, **qkv)
        self.key = LinearGeneral((in_kv_features,), kv_heads, use_bias, **qkv)
        self.value = LinearGeneral((in_kv_features,), kv_heads, use_bias, **qkv)
        self.query_ln = self.key_ln = None
        if normalize_qk:
            self.query_ln = LayerNorm(self.head_dim, use_bias=False)
            self.key_ln = LayerNorm(self.head_dim, use_bias=False)
        self.out = LinearGeneral(
            heads,
            (out_features,),
            use_bias,
            kernel_init=out_kernel_init or kernel_init,
            bias_init=out_bias_init or bias_init,
            rngs=rngs,
        )
        self.dropout_rate, self.broadcast_dropout = dropout_rate, broadcast_dropout
        self.deterministic, self.decode = deterministic, decode
        self.seed_generator = None
        if dropout_rate > 0.0:
            self.seed_generator = (
                keras.random.SeedGenerator() if rngs is None else rngs.dropout()
            )
        self.cached_key = self.cached_value = self.cache_index = None

    def init_cache(self, input_shape, dtype=tf.float32):
        """Zero caches for inputs of input_shape (batch..., max_length, features)."""
        shape = *input_shape[:-1], self.num_kv_heads, self.head_dim
        with UnlockedState(self):
            self.cached_key = keras.Variable(
                tf.zeros(shape, dtype=dtype), trainable=False, name="cached_key"
            )
            self.cached_value = keras.Variable(
                tf.zeros(shape, dtype=dtype), trainable=False, name="cached_value"
            )
            self.cache_index = keras.Variable(
                tf.constant(0, dtype=tf.int32), trainable=False, name="cache_index"
            )

    def __call__(self, inputs_q, inputs_k=None, inputs_v=None, *, mask=None, **kwargs):
        return super().__call__(
            inputs_q,
            inputs_k=inputs_k,
            inputs_v=inputs_v,
            attention_mask=mask,
            **kwargs,
        )

    def call(
        self,
        inputs_q,
        inputs_k=None,
        inputs_v=None,
        attention_mask=None,
        deterministic=None,
        rngs=None,
        decode=None,
        is_causal=False,
        training=None,
    ):
        mask = attention_mask
        if inputs_k is None:
            if inputs_v is not None:
                raise ValueError("inputs_k cannot be None if inputs_v is not None")
            inputs_k = inputs_q
        if inputs_v is None:
            inputs_v = inputs_k
        query, key, value = (
            self.query(inputs_q),
            self.key(inputs_k),
            self.value(inputs_v),
        )
        if self.query_ln is not None:
            query, key = self.query_ln(query), self.key_ln(key)
        if self.decode if decode is None else decode:
            if self.cache_index is None:
                raise ValueError(
                    "Autoregressive cache not initialized, call init_cache first"
                )
            if key.shape[-3] != 1:
                raise ValueError("decode=True takes one position at a time")
            # the new key and value at position cache_index, then attend to positions <= it
            positions = tf.range(self.cached_key.shape[-3])
            here = (positions == self.cache_index)[:, None, None]
            self.cached_key.assign(tf.where(here, key, self.cached_key))
            self.cached_value.assign(tf.where(here, value, self.cached_value))
            key, value = tf.identity(self.cached_key), tf.identity(self.cached_value)
            filled = positions <= self.cache_index
            mask = (
                filled
                if mask is None
                else tf.logical_and(tf.cast(mask, tf.bool), filled)
            )
            self.cache_index.assign_add(1)
        if self.dropout_rate > 0.0:
            if deterministic is None:
                deterministic = self.deterministic if training is None else not training
            if deterministic is None:
                raise ValueError(
                    "deterministic must be given to MultiHeadAttention or its call when dropout_rate > 0",
                )
            if not deterministic:
                seed = self.seed_generator if rngs is None else rngs.dropout()
                return self.out(
                    self.dropout_attention(query, key, value, mask, is_causal, seed)
                )
        return self.out(
            dot_product_attention(query, key, value, mask=mask, is_causal=is_causal)
        )

    def dropout_attention(self, query, key, value, mask, is_causal, seed):
        """Attention whose softmax weights go through dropout, as Flax's
        dot_product_attention_weights applies it."""
        groups = query.shape[-2] // key.shape[-2]
        heads = [h // groups for h in range(query.shape[-2])]
        key, value = tf.gather(key, heads, axis=-2), tf.gather(value, heads, axis=-2)
        weights = attention_weights(query, key, mask=mask, is_causal=is_causal)
        shape = tf.shape(weights)
        if self.broadcast_dropout:
            shape = tf.concat(
                [tf.ones([len(query.shape) - 2], tf.int32), shape[-2:]], 0
            )
        kept = keras.random.uniform(shape, seed=seed) < 1.0 - self.dropout_rate
        weights = weights * tf.cast(kept, weights.dtype) / (1.0 - self.dropout_rate)
        return tf.einsum("...hqk,...khd->...qhd", weights, value)

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


def argmax(x, axis=None, keepdims=False):
    """jnp.argmax: int32 indices, over the flattened array when axis is None."""
    if axis is None:
        out = tf.argmax(tf.reshape(x, [-1]), output_type=tf.int32)
        return tf.reshape(out, [1] * len(x.shape)) if keepdims else out
    out = tf.argmax(x, axis=axis, output_type=tf.int32)
    return tf.expand_dims(out, axis) if keepdims else out


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
@dataclass(frozen=True)
class ViTConfig:
    image_size: int = 16
    patch_size: int = 4
    channels: int = 3
    dim: int = 32
    depth: int = 2
    heads: int = 4
    mlp_ratio: float = 2.0
    num_classes: int = 10
    dropout: float = 0.0
    get_config = dataclass_config
    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class PatchEmbed(keras.Layer):
    def __init__(self, cfg: ViTConfig, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"cfg": cfg, "rngs": rngs}
        self.proj = Conv(
            cfg.channels,
            cfg.dim,
            (cfg.patch_size, cfg.patch_size),
            strides=(cfg.patch_size, cfg.patch_size),
            padding="VALID",
            rngs=rngs,
        )

    def call(self, x):
        x = self.proj(x)
        b, h, w, c = tuple(x.shape)
        return tf.reshape(x, (b, h * w, c))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class MLP(keras.Layer):
    def __init__(self, dim: int, hidden: int, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"dim": dim, "hidden": hidden, "rngs": rngs}
        self.fc1 = Linear(dim, hidden, rngs=rngs)
        self.fc2 = Linear(hidden, dim, rngs=rngs)

    def call(self, x):
        return self.fc2(tf.nn.gelu(self.fc1(x), approximate=False))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class Block(keras.Layer):
    def __init__(self, cfg: ViTConfig, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"cfg": cfg, "rngs": rngs}
        self.norm1 = LayerNorm(cfg.dim, epsilon=1e-6)
        self.attn = MultiHeadAttention(cfg.heads, cfg.dim, decode=False, rngs=rngs)
        self.norm2 = LayerNorm(cfg.dim, epsilon=1e-6)
        self.mlp = MLP(cfg.dim, int(cfg.dim * cfg.mlp_ratio), rngs=rngs)

    def call(self, x, attention_mask=None):
        y = self.norm1(x)
        x = x + self.attn(y, y, y, mask=attention_mask)
        return x + self.mlp(self.norm2(x))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class ViT(keras.Layer):
    def __init__(self, cfg: ViTConfig | None = None, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"cfg": cfg, "rngs": rngs}
        cfg = cfg or ViTConfig()
        self.cfg = cfg
        self.patch = PatchEmbed(cfg, rngs=rngs)
        n = (cfg.image_size // cfg.patch_size) ** 2
        self.cls = keras.Variable(tf.zeros((1, 1, cfg.dim), dtype=tf.float32))
        self.pos = keras.Variable(
            keras.random.normal(
                (1, n + 1, cfg.dim), dtype=tf.float32, seed=rngs.params()
            )
            * 0.02,
        )
        self.blocks = [Block(cfg, rngs=rngs) for _ in range(cfg.depth)]
        self.norm = LayerNorm(cfg.dim)
        self.head = Linear(cfg.dim, cfg.num_classes, rngs=rngs)

    def call(self, images):
        x = self.patch(images)
        cls = tf.broadcast_to(self.cls.value, (x.shape[0], 1, x.shape[-1]))
        x = tf.concat([cls, x], 1) + self.pos
        for blk in self.blocks:
            x = blk(x)
        x = self.norm(x)
        return self.head(x[:, 0])

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


def predict(model: ViT, images):
    logits = model(images)
    return argmax(logits, axis=-1), tf.nn.softmax(logits)
