/**
 * The Python sources of the Keras target's stateful helpers: layer classes,
 * `load_flax_state` and the rest, each added to an output only when used
 * (see `tensorflow.ts` for which op uses which).
 *
 * @module
 */

/** The `linear` helper's Python source. */
export const LINEAR = `
class Linear(keras.layers.Dense):
    """nnx.Linear: a Dense layer (kernel (in, out), as in Flax) built at construction."""

    def __init__(self, in_features, out_features, use_bias=True):
        super().__init__(out_features, use_bias=use_bias, kernel_initializer="lecun_normal")
        self.build((None, in_features))
`;

/** The `conv` helper's Python source. */
export const CONV = `
class Conv(keras.Layer):
    """nnx.Conv: channels-last convolution with Flax's kernel (*kernel_size, in // feature_group_count, out)."""

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
    ):
        super().__init__()
        self.kernel_size, self.strides, *dilations = conv_sizes(kernel_size, strides, input_dilation, kernel_dilation)
        self.input_dilation, self.kernel_dilation = dilations
        self.padding = padding
        self.feature_group_count = feature_group_count
        shape = (*self.kernel_size, in_features // feature_group_count, out_features)
        self.kernel = self.add_weight(shape=shape, initializer="lecun_normal", name="kernel")
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(shape=(out_features,), initializer="zeros", name="bias")

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
`;

/** The `conv_general_dilated` helper's Python source: Flax's convolution on channels-last inputs. */
export const CONV_GENERAL_DILATED = `
def conv_general_dilated(x, kernel, strides, padding, input_dilation, kernel_dilation, feature_group_count):
    """lax.conv_general_dilated as nnx.Conv calls it: x (batch..., *spatial, in), any number of
    leading batch axes, kernel (*window, in // feature_group_count, out).

    TensorFlow's 'SAME' pads as XLA does (the smaller half before), like Flax. TensorFlow
    cannot dilate the kernel and stride at once, nor group a 3-D convolution on CPU: the
    kernel is then dilated with zeros, and each group convolved on its own."""
    spatial = len(kernel.shape) - 2
    batch = tf.shape(x)[: len(x.shape) - spatial - 1]
    x = tf.reshape(x, tf.concat([[-1], tf.shape(x)[len(x.shape) - spatial - 1 :]], 0))
    x = dilate(x, input_dilation, 1)
    if not isinstance(padding, str):
        x = tf.pad(x, [(0, 0), *conv_padding(padding, x.shape[1:-1], kernel.shape[:spatial], strides), (0, 0)])
        padding = "VALID"
    if max(strides) > 1 and max(kernel_dilation) > 1:
        kernel = dilate(kernel, kernel_dilation, 0)
        kernel_dilation = 1
    groups = feature_group_count if spatial == 3 else 1
    # without an explicit data_format, the gradient of a 3-D convolution fails
    data_format = ("NWC", "NHWC", "NDHWC")[spatial - 1]
    outputs = []
    for xs, ks in zip(tf.split(x, groups, axis=-1), tf.split(kernel, groups, axis=-1)):
        y = tf.nn.convolution(
            xs, ks, strides=strides, padding=padding, data_format=data_format, dilations=kernel_dilation
        )
        outputs.append(y)
    y = tf.concat(outputs, -1)
    return tf.reshape(y, tf.concat([batch, tf.shape(y)[1:]], 0))
`;

/** The `dilate` helper's Python source: lax's lhs dilation. */
export const DILATE = `
def dilate(x, factors, first_axis):
    """lax's lhs dilation: factor - 1 zeros between neighbouring entries of each axis
    from first_axis on."""
    for axis, factor in enumerate(factors, first_axis):
        if factor > 1:
            size = x.shape[axis]
            x = tf.expand_dims(x, axis + 1)
            x = tf.pad(x, [(0, factor - 1) if a == axis + 1 else (0, 0) for a in range(len(x.shape))])
            x = tf.reshape(x, [*x.shape[:axis], size * factor, *x.shape[axis + 2 :]])
            x = x[(slice(None),) * axis + (slice((size - 1) * factor + 1),)]
    return x
`;

/** The `ConvTranspose` helper's Python source. */
export const CONV_TRANSPOSE = `
class ConvTranspose(keras.Layer):
    """nnx.ConvTranspose (lax.conv_transpose), channels-last, with Flax's kernel
    (*kernel_size, in, out), or (*kernel_size, out, in) with transpose_kernel, which is
    flipped and swapped before use. The input is dilated by strides and padded as
    conv_transpose_padding computes, then convolved with stride 1."""

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
    ):
        super().__init__()
        self.kernel_size, self.strides, self.kernel_dilation = conv_sizes(kernel_size, strides, kernel_dilation)
        self.padding = padding
        self.transpose_kernel = transpose_kernel
        features = (in_features, out_features)
        if transpose_kernel:
            features = (out_features, in_features)
        self.kernel = self.add_weight(shape=(*self.kernel_size, *features), initializer="lecun_normal", name="kernel")
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(shape=(out_features,), initializer="zeros", name="bias")

    def call(self, x):
        kernel = self.kernel
        if self.transpose_kernel:
            spatial = len(self.kernel_size)
            kernel = tf.transpose(tf.reverse(kernel, list(range(spatial))), [*range(spatial), spatial + 1, spatial])
        pads = conv_transpose_padding(self.padding, self.kernel_size, self.strides, self.kernel_dilation)
        ones = (1,) * len(self.kernel_size)
        y = conv_general_dilated(x, kernel, ones, pads, self.strides, self.kernel_dilation, 1)
        return y if self.bias is None else y + self.bias
`;

/** The `layer_norm` helper's Python source. */
export const LAYER_NORM = `
class LayerNorm(keras.Layer):
    """nnx.LayerNorm over the last axis, as Flax computes it: variance E[x^2] - E[x]^2
    (clipped at 0), epsilon 1e-6 by default (Keras' LayerNormalization uses 1e-3)."""

    def __init__(self, num_features, epsilon=1e-6, use_bias=True, use_scale=True):
        super().__init__()
        self.epsilon = epsilon
        self.scale = None
        if use_scale:
            self.scale = self.add_weight(shape=(num_features,), initializer="ones", name="scale")
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(shape=(num_features,), initializer="zeros", name="bias")

    def call(self, x):
        mean = tf.reduce_mean(x, axis=-1, keepdims=True)
        variance = tf.maximum(tf.reduce_mean(tf.square(x), axis=-1, keepdims=True) - tf.square(mean), 0.0)
        y = (x - mean) * tf.math.rsqrt(variance + self.epsilon)
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y
`;

/** The `RMSNorm` helper's Python source. */
export const RMS_NORM = `
class RMSNorm(keras.Layer):
    """nnx.RMSNorm over the last axis, as in Flax: x * rsqrt(mean(x^2) + epsilon) * scale."""

    def __init__(self, num_features, epsilon=1e-6, use_scale=True):
        super().__init__()
        self.epsilon = epsilon
        self.scale = None
        if use_scale:
            self.scale = self.add_weight(shape=(num_features,), initializer="ones", name="scale")

    def call(self, x):
        y = x * tf.math.rsqrt(tf.reduce_mean(tf.square(x), axis=-1, keepdims=True) + self.epsilon)
        return y if self.scale is None else y * self.scale
`;

/** The `GroupNorm` helper's Python source. */
export const GROUP_NORM = `
class GroupNorm(keras.Layer):
    """nnx.GroupNorm on channels-last inputs (batch, ..., features), as Flax computes it.

    The features split into num_groups groups of consecutive ones (or groups of
    group_size); each example's group is normalized with its mean and variance
    E[x^2] - E[x]^2 (clipped at 0) over every axis but the first, then scaled and
    shifted per feature."""

    def __init__(self, num_features, num_groups=32, group_size=None, epsilon=1e-6, use_bias=True, use_scale=True):
        super().__init__()
        if (num_groups is None) == (group_size is None):
            raise ValueError("give exactly one of num_groups and group_size")
        if group_size is not None:
            num_groups = num_features // group_size
        self.num_groups = num_groups
        if num_features % self.num_groups:
            raise ValueError("the number of groups must divide the number of features")
        self.epsilon = epsilon
        self.scale = None
        if use_scale:
            self.scale = self.add_weight(shape=(num_features,), initializer="ones", name="scale")
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(shape=(num_features,), initializer="zeros", name="bias")

    def call(self, x):
        groups = tf.reshape(x, [*x.shape[:-1], self.num_groups, -1])
        axes = [*range(1, len(x.shape) - 1), -1]
        mean = tf.reduce_mean(groups, axis=axes, keepdims=True)
        variance = tf.maximum(tf.reduce_mean(tf.square(groups), axis=axes, keepdims=True) - tf.square(mean), 0.0)
        y = tf.reshape((groups - mean) * tf.math.rsqrt(variance + self.epsilon), tf.shape(x))
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y
`;

/** The `batch_norm` helper's Python source. */
export const BATCH_NORM = `
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
    BatchNormalization would use the running averages)."""

    def __init__(
        self,
        num_features,
        use_running_average=False,
        axis=-1,
        momentum=0.99,
        epsilon=1e-5,
        use_bias=True,
        use_scale=True,
    ):
        super().__init__()
        # use_running_average may be passed positionally, as in Flax
        self._allow_non_tensor_positional_args = True
        self.use_running_average = use_running_average
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        shape = (num_features,)
        self.mean = self.add_weight(shape=shape, initializer="zeros", trainable=False, name="mean")
        self.var = self.add_weight(shape=shape, initializer="ones", trainable=False, name="var")
        self.scale = None
        if use_scale:
            self.scale = self.add_weight(shape=shape, initializer="ones", name="scale")
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(shape=shape, initializer="zeros", name="bias")

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
            var = tf.maximum(tf.reduce_mean(tf.square(x), axis=axes) - tf.square(mean), 0.0)
            self.mean.assign(self.momentum * self.mean + (1 - self.momentum) * mean)
            self.var.assign(self.momentum * self.var + (1 - self.momentum) * var)
        multiplier = tf.math.rsqrt(var + self.epsilon)
        if self.scale is not None:
            multiplier = multiplier * self.scale
        y = (x - mean) * multiplier
        if self.bias is not None:
            y = y + self.bias
        return tf.experimental.numpy.moveaxis(y, -1, axis)
`;

/** The `embed` helper's Python source. */
export const EMBED = `
class Embed(keras.layers.Embedding):
    """nnx.Embed: a Keras Embedding built at construction, with Flax's attend."""

    def __init__(self, num_embeddings, features):
        super().__init__(num_embeddings, features)
        self.build()

    def attend(self, query):
        """query @ embedding.T: scores against every embedding."""
        return keras.ops.matmul(query, keras.ops.transpose(self.embeddings))
`;

/** The `dropout` helper's Python source. */
export const DROPOUT = `
class Dropout(keras.Layer):
    """nnx.Dropout: zeroes each input with probability rate and scales the rest by
    1 / (1 - rate), unless deterministic: the call's argument, else Keras' training
    flag (fit trains, predict and evaluate do not), else the constructor's."""

    def __init__(self, rate, deterministic=False, rngs=None):
        super().__init__()
        self.rate = rate
        self.deterministic = deterministic
        if rngs is None:
            self.seed_generator = keras.random.SeedGenerator()
        else:
            self.seed_generator = rngs.dropout()

    def call(self, x, deterministic=None, rngs=None, training=None):
        if deterministic is None:
            deterministic = self.deterministic if training is None else not training
        if deterministic or self.rate == 0.0:
            return x
        if self.rate == 1.0:
            return tf.zeros_like(x)
        seed = self.seed_generator if rngs is None else rngs.dropout()
        return keras.random.dropout(x, self.rate, seed=seed)
`;

/** The `sequential` helper's Python source. */
export const SEQUENTIAL = `
class Sequential(keras.Layer):
    """nnx.Sequential: applies its layers (or plain functions) in order."""

    def __init__(self, *layers):
        super().__init__()
        self.layers = list(layers)

    def call(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
`;

/** The `split_key` helper's Python source. */
export const SPLIT_KEY = `
def split_key(key, num=2):
    """jax.random.split: num new seed generators, seeded from key's stream."""
    seeds = keras.random.randint((num,), 0, 2**31 - 1, seed=key)
    return [keras.random.SeedGenerator(int(seed)) for seed in seeds]
`;

/** The `linear_general` helper's Python source. */
export const LINEAR_GENERAL = `
class LinearGeneral(keras.Layer):
    """nnx.LinearGeneral over the trailing axes, with Flax's names and layouts: x's last
    len(in_shape) axes (an int is one) contracted with kernel (*in_shape, *out_shape),
    plus bias (*out_shape)."""

    def __init__(self, in_shape, out_shape, use_bias=True):
        super().__init__()
        self.in_shape = (in_shape,) if isinstance(in_shape, int) else tuple(in_shape)
        out_shape = (out_shape,) if isinstance(out_shape, int) else tuple(out_shape)
        self.kernel = self.add_weight(shape=(*self.in_shape, *out_shape), initializer="lecun_normal", name="kernel")
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(shape=out_shape, initializer="zeros", name="bias")

    def call(self, x):
        # one matmul over the contracted axes flattened (tf.tensordot's checks cost more)
        n = len(self.in_shape)
        batch = tf.shape(x)[: len(x.shape) - n]
        y = tf.reshape(x, tf.concat([batch, [-1]], 0)) @ tf.reshape(self.kernel, (math.prod(self.in_shape), -1))
        y = tf.reshape(y, tf.concat([batch, self.kernel.shape[n:]], 0))
        return y if self.bias is None else y + self.bias
`;

/** The `pool` helper's Python source, which the pooling functions share. */
export const POOL = `
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
    y = tf.nn.pool(x, window_shape, pooling_type, strides=strides, padding="VALID", data_format=data_format)
    return tf.reshape(y, tf.concat([batch, tf.shape(y)[1:]], 0))
`;

/** The `avg_pool` helper's Python source. */
export const AVG_POOL = `
def avg_pool(inputs, window_shape, strides=None, padding="VALID", count_include_pad=True):
    """nnx.avg_pool: the mean of each window, padded entries counted as zeros; with
    count_include_pad=False, the sum over the entries of inputs the window covers."""
    y = pool(inputs, window_shape, strides, padding, 0.0, "AVG")
    if not count_include_pad:
        ones = tf.ones([*inputs.shape[:-1], 1], dtype=inputs.dtype)
        y = y / pool(ones, window_shape, strides, padding, 0.0, "AVG")
    return y
`;

/** The `max_pool` helper's Python source. */
export const MAX_POOL = `
def max_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.max_pool: the maximum of each window; padding is -inf, so it never wins."""
    return pool(inputs, window_shape, strides, padding, -math.inf, "MAX")
`;

/** The `min_pool` helper's Python source. */
export const MIN_POOL = `
def min_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.min_pool: the minimum of each window (padding never wins)."""
    return -max_pool(-inputs, window_shape, strides, padding)
`;

/** The `load_flax_state` helper's Python source. */
export const LOAD_FLAX_STATE = `
def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    The one place where Flax's weights meet Keras': layouts are Flax's already
    (kernels (in, out) and (*window, in, out)); only Embed's embedding is named
    embeddings, as in keras.layers.Embedding."""
    renamed = {"embedding": "embeddings"}
    for path, value in flax_arrays(src):
        *parents, name = path
        owner = model
        for key in parents:
            owner = owner[int(key)] if key.isdigit() else getattr(owner, key)
        if not hasattr(owner, name) and name in renamed:
            name = renamed[name]
        target = getattr(owner, name)
        if tuple(target.shape) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        if hasattr(target, "assign"):
            target.assign(value)
        else:  # an array attribute that is not a Variable (Flax keeps it as data too)
            setattr(owner, name, tf.constant(value))
    return model
`;

/** The `UnlockedState` helper's Python source. */
export const UNLOCKED_STATE = `
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
`;
