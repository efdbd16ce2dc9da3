/**
 * The Python sources of the NumPy target's stateful helpers: layer classes,
 * `load_flax_state` and the rest, each added to an output only when used
 * (see `numpy.ts` for which op uses which).
 *
 * @module
 */

/** The `variable` helper's Python source. */
export const VARIABLE = `
class Variable:
    """nnx.Variable: holds an array, read and written as .value."""

    def __init__(self, value):
        self.value = np.asarray(value)
`;

/** The `param` helper's Python source. */
export const PARAM = `
class Param(Variable):
    """nnx.Param: a Variable holding a trainable weight."""
`;

/** The `batch_stat` helper's Python source. */
export const BATCH_STAT = `
class BatchStat(Variable):
    """nnx.BatchStat: a Variable holding a batch statistic."""
`;

/** The `cache` helper's Python source. */
export const CACHE = `
class Cache(Variable):
    """nnx.Cache: a Variable holding a cache, such as attention's keys and values."""
`;

/** The `intermediate` helper's Python source. */
export const INTERMEDIATE = `
class Intermediate(Variable):
    """nnx.Intermediate: a Variable holding a value kept from a call."""
`;

/** The `linear` helper's Python source. */
export const LINEAR = `
class Linear:
    """nnx.Linear: x @ kernel + bias, with kernel (in, out) as in Flax."""

    def __init__(self, in_features, out_features, use_bias=True, rngs=None):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        kernel = rng.standard_normal((in_features, out_features), dtype=np.float32)
        self.kernel = kernel / np.sqrt(in_features)
        self.bias = np.zeros(out_features, dtype=np.float32) if use_bias else None

    def __call__(self, x):
        y = np.matmul(x, self.kernel)
        return y if self.bias is None else y + self.bias
`;

/** The `conv` helper's Python source. */
export const CONV = `
class Conv:
    """nnx.Conv on channels-last inputs, with Flax's kernel (*kernel_size, in // feature_group_count, out)."""

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
        rngs=None,
    ):
        self.kernel_size, self.strides, *dilations = conv_sizes(kernel_size, strides, input_dilation, kernel_dilation)
        self.input_dilation, self.kernel_dilation = dilations
        self.padding = padding
        self.feature_group_count = feature_group_count
        rng = np.random.default_rng() if rngs is None else rngs.params()
        shape = (*self.kernel_size, in_features // feature_group_count, out_features)
        fan_in = in_features // feature_group_count * math.prod(self.kernel_size)
        self.kernel = rng.standard_normal(shape, dtype=np.float32) / np.sqrt(fan_in)
        self.bias = np.zeros(out_features, dtype=np.float32) if use_bias else None

    def __call__(self, x):
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
    leading batch axes, kernel (*window, in // feature_group_count, out). 'SAME' pads each
    spatial axis by (total // 2, total - total // 2) for the dilated kernel, as XLA does."""
    spatial = kernel.ndim - 2
    batch = x.shape[: x.ndim - spatial - 1]
    x = x.reshape(-1, *x.shape[len(batch) :])
    dilated = (x.shape[0], *((n - 1) * f + 1 for n, f in zip(x.shape[1:-1], input_dilation)), x.shape[-1])
    if dilated != x.shape:  # input_dilation - 1 zeros between neighbouring inputs
        spread = np.zeros(dilated, x.dtype)
        spread[(slice(None), *(slice(None, None, f) for f in input_dilation))] = x
        x = spread
    window = [(k - 1) * d + 1 for k, d in zip(kernel.shape[:spatial], kernel_dilation)]
    x = np.pad(x, [(0, 0), *conv_padding(padding, x.shape[1:-1], window, strides), (0, 0)])
    windows = np.lib.stride_tricks.sliding_window_view(x, window, axis=tuple(range(1, spatial + 1)))
    strided = tuple(slice(None, None, s) for s in strides)
    dilated_window = tuple(slice(None, None, d) for d in kernel_dilation)
    windows = windows[(slice(None), *strided, slice(None), *dilated_window)]
    # windows: (batch, *out_spatial, groups, in // groups, *kernel_size) against
    # kernel (*kernel_size, in // groups, groups, out // groups)
    windows = windows.reshape(*windows.shape[: spatial + 1], feature_group_count, -1, *windows.shape[spatial + 2 :])
    kernel = kernel.reshape(*kernel.shape[:-1], feature_group_count, -1)
    axes = "".join(chr(ord("a") + k) for k in range(spatial))
    y = np.einsum("...gi" + axes + "," + axes + "igo->...go", windows, kernel, optimize=True)
    y = y.reshape(*batch, *y.shape[1:-2], -1)
    return y
`;

/** The `ConvTranspose` helper's Python source. */
export const CONV_TRANSPOSE = `
class ConvTranspose:
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
        rngs=None,
    ):
        self.kernel_size, self.strides, self.kernel_dilation = conv_sizes(kernel_size, strides, kernel_dilation)
        self.padding = padding
        self.transpose_kernel = transpose_kernel
        rng = np.random.default_rng() if rngs is None else rngs.params()
        features = (in_features, out_features)
        if transpose_kernel:
            features = (out_features, in_features)
        fan_in = in_features * math.prod(self.kernel_size)
        self.kernel = rng.standard_normal((*self.kernel_size, *features), dtype=np.float32) / np.sqrt(fan_in)
        self.bias = np.zeros(out_features, dtype=np.float32) if use_bias else None

    def __call__(self, x):
        kernel = self.kernel
        if self.transpose_kernel:
            kernel = np.swapaxes(np.flip(kernel, tuple(range(len(self.kernel_size)))), -1, -2)
        pads = conv_transpose_padding(self.padding, self.kernel_size, self.strides, self.kernel_dilation)
        ones = (1,) * len(self.kernel_size)
        y = conv_general_dilated(x, kernel, ones, pads, self.strides, self.kernel_dilation, 1)
        return y if self.bias is None else y + self.bias
`;

/** The `RMSNorm` helper's Python source. */
export const RMS_NORM = `
class RMSNorm:
    """nnx.RMSNorm over the last axis, as in Flax: x / sqrt(mean(x^2) + epsilon) * scale."""

    def __init__(self, num_features, epsilon=1e-6, use_scale=True, rngs=None):
        self.epsilon = epsilon
        self.scale = np.ones(num_features, dtype=np.float32) if use_scale else None

    def __call__(self, x):
        y = x / np.sqrt(np.mean(np.square(x), axis=-1, keepdims=True) + np.float32(self.epsilon))
        return y if self.scale is None else y * self.scale
`;

/** The `GroupNorm` helper's Python source. */
export const GROUP_NORM = `
class GroupNorm:
    """nnx.GroupNorm on channels-last inputs (batch, ..., features), as Flax computes it.

    The features split into num_groups groups of consecutive ones (or groups of
    group_size); each example's group is normalized with its mean and variance
    E[x^2] - E[x]^2 (clipped at 0) over every axis but the first, then scaled and
    shifted per feature."""

    def __init__(
        self, num_features, num_groups=32, group_size=None, epsilon=1e-6, use_bias=True, use_scale=True, rngs=None
    ):
        if (num_groups is None) == (group_size is None):
            raise ValueError("give exactly one of num_groups and group_size")
        if group_size is not None:
            num_groups = num_features // group_size
        self.num_groups = num_groups
        if num_features % self.num_groups:
            raise ValueError("the number of groups must divide the number of features")
        self.epsilon = epsilon
        self.scale = np.ones(num_features, dtype=np.float32) if use_scale else None
        self.bias = np.zeros(num_features, dtype=np.float32) if use_bias else None

    def __call__(self, x):
        groups = x.reshape(*x.shape[:-1], self.num_groups, -1)
        axes = (*range(1, x.ndim - 1), -1)
        mean = np.mean(groups, axis=axes, keepdims=True)
        variance = np.maximum(np.mean(np.square(groups), axis=axes, keepdims=True) - np.square(mean), 0.0)
        y = ((groups - mean) / np.sqrt(variance + np.float32(self.epsilon))).reshape(x.shape)
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y
`;

/** The `pool` helper's Python source, which the pooling functions share. */
export const POOL = `
def pool(x, window_shape, strides, padding, value, reduce):
    """flax.linen.pooling.pool over the window axes of x (batch..., *window, features): x
    padded with value as lax.reduce_window pads it ('SAME': the smaller half before),
    then reduce over each window."""
    spatial = len(window_shape)
    strides = (1,) * spatial if strides is None else tuple(strides)
    axes = tuple(range(x.ndim - spatial - 1, x.ndim - 1))
    pads = conv_padding(padding, [x.shape[a] for a in axes], window_shape, strides)
    x = np.pad(x, [(0, 0)] * axes[0] + pads + [(0, 0)], constant_values=value)
    windows = np.lib.stride_tricks.sliding_window_view(x, window_shape, axis=axes)
    windows = windows[(slice(None),) * axes[0] + tuple(slice(None, None, s) for s in strides)]
    return reduce(windows, axis=tuple(range(-spatial, 0)))
`;

/** The `avg_pool` helper's Python source. */
export const AVG_POOL = `
def avg_pool(inputs, window_shape, strides=None, padding="VALID", count_include_pad=True):
    """nnx.avg_pool: the mean of each window, padded entries counted as zeros; with
    count_include_pad=False, the sum over the entries of inputs the window covers."""
    y = pool(inputs, window_shape, strides, padding, 0.0, np.mean)
    if not count_include_pad:
        ones = np.ones((*inputs.shape[:-1], 1), dtype=inputs.dtype)
        y = y / pool(ones, window_shape, strides, padding, 0.0, np.mean)
    return y
`;

/** The `max_pool` helper's Python source. */
export const MAX_POOL = `
def max_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.max_pool: the maximum of each window; padding is -inf, so it never wins."""
    return pool(inputs, window_shape, strides, padding, -np.inf, np.max)
`;

/** The `min_pool` helper's Python source. */
export const MIN_POOL = `
def min_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.min_pool: the minimum of each window; padding is inf, so it never wins."""
    return pool(inputs, window_shape, strides, padding, np.inf, np.min)
`;

/** The `layer_norm` helper's Python source. */
export const LAYER_NORM = `
class LayerNorm:
    """nnx.LayerNorm over the last axis: variance E[x^2] - E[x]^2 (clipped at 0), as in Flax."""

    def __init__(self, num_features, epsilon=1e-6, use_bias=True, use_scale=True, rngs=None):
        self.epsilon = epsilon
        self.scale = np.ones(num_features, dtype=np.float32) if use_scale else None
        self.bias = np.zeros(num_features, dtype=np.float32) if use_bias else None

    def __call__(self, x):
        mean = np.mean(x, axis=-1, keepdims=True)
        variance = np.maximum(np.mean(np.square(x), axis=-1, keepdims=True) - np.square(mean), 0.0)
        y = (x - mean) / np.sqrt(variance + np.float32(self.epsilon))
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y
`;

/** The `batch_norm` helper's Python source. */
export const BATCH_NORM = `
class BatchNorm:
    """nnx.BatchNorm as in Flax, over every axis but axis (the features, last by default).

    Unless use_running_average (set here or on the layer, or given per call), x is
    normalized with the batch's mean and biased variance (E[x^2] - E[x]^2, clipped
    at 0) over every other axis, and the running averages mean and var are updated
    as momentum * running + (1 - momentum) * batch; else the running averages
    normalize x and stay as they are."""

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
        self.use_running_average = use_running_average
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.mean = np.zeros(num_features, dtype=np.float32)
        self.var = np.ones(num_features, dtype=np.float32)
        self.scale = np.ones(num_features, dtype=np.float32) if use_scale else None
        self.bias = np.zeros(num_features, dtype=np.float32) if use_bias else None

    def __call__(self, x, use_running_average=None):
        if use_running_average is None:
            use_running_average = self.use_running_average
        axis = self.axis % np.ndim(x)
        x = np.moveaxis(x, axis, -1)
        if use_running_average:
            mean, var = self.mean, self.var
        else:
            axes = tuple(range(x.ndim - 1))
            mean = np.mean(x, axis=axes)
            var = np.maximum(np.mean(np.square(x), axis=axes) - np.square(mean), 0.0)
            self.mean = self.momentum * self.mean + (1 - self.momentum) * mean
            self.var = self.momentum * self.var + (1 - self.momentum) * var
        multiplier = 1 / np.sqrt(var + np.float32(self.epsilon))
        if self.scale is not None:
            multiplier = multiplier * self.scale
        y = (x - mean) * multiplier
        if self.bias is not None:
            y = y + self.bias
        return np.moveaxis(y, -1, axis)
`;

/** The `embed` helper's Python source. */
export const EMBED = `
class Embed:
    """nnx.Embed: rows of embedding (num_embeddings, features); attend scores against all rows."""

    def __init__(self, num_embeddings, features, rngs=None):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        embedding = rng.standard_normal((num_embeddings, features), dtype=np.float32)
        self.embedding = embedding / np.sqrt(features)

    def __call__(self, inputs):
        return np.take(self.embedding, inputs, axis=0)

    def attend(self, query):
        return np.matmul(query, self.embedding.T)
`;

/** The `dropout` helper's Python source. */
export const DROPOUT = `
class Dropout:
    """nnx.Dropout: zeroes each input with probability rate and scales the rest by
    1 / (1 - rate), unless deterministic (here or per call)."""

    def __init__(self, rate, deterministic=False, rngs=None):
        self.rate = rate
        self.deterministic = deterministic
        self.rng = np.random.default_rng() if rngs is None else rngs.dropout()

    def __call__(self, x, deterministic=None, rngs=None):
        if deterministic is None:
            deterministic = self.deterministic
        if deterministic or self.rate == 0.0:
            return x
        if self.rate == 1.0:
            return np.zeros_like(x)
        rng = self.rng if rngs is None else rngs.dropout()
        keep = rng.random(np.shape(x)) >= self.rate
        return np.where(keep, x / np.float32(1.0 - self.rate), np.zeros_like(x))
`;

/** The `sequential` helper's Python source. */
export const SEQUENTIAL = `
class Sequential:
    """nnx.Sequential: applies its layers (or plain functions) in order."""

    def __init__(self, *layers):
        self.layers = list(layers)

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
`;

/** The `linear_general` helper's Python source. */
export const LINEAR_GENERAL = `
class LinearGeneral:
    """nnx.LinearGeneral over the trailing axes, with Flax's names and layouts: x's last
    len(in_shape) axes (an int is one) contracted with kernel (*in_shape, *out_shape),
    plus bias (*out_shape)."""

    def __init__(self, in_shape, out_shape, use_bias=True, rngs=None):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        self.in_shape = (in_shape,) if isinstance(in_shape, int) else tuple(in_shape)
        out_shape = (out_shape,) if isinstance(out_shape, int) else tuple(out_shape)
        kernel = rng.standard_normal((*self.in_shape, *out_shape), dtype=np.float32)
        self.kernel = kernel / np.float32(np.sqrt(math.prod(self.in_shape)))
        self.bias = np.zeros(out_shape, dtype=np.float32) if use_bias else None

    def __call__(self, x):
        # one matmul over the contracted axes flattened (np.tensordot's checks cost more)
        n = len(self.in_shape)
        y = x.reshape(*x.shape[: x.ndim - n], -1) @ self.kernel.reshape(math.prod(self.in_shape), -1)
        y = y.reshape(*y.shape[:-1], *self.kernel.shape[n:])
        return y if self.bias is None else y + self.bias
`;

/** The `load_flax_state` helper's Python source. */
export const LOAD_FLAX_STATE = `
def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    Names and layouts are Flax's on this target: each array is copied as it is,
    into a layer's attribute or a Variable's value."""
    for path, value in flax_arrays(src):
        *parents, name = path
        owner = model
        for key in parents:
            owner = owner[int(key)] if key.isdigit() else getattr(owner, key)
        target = getattr(owner, name)
        current = target.value if hasattr(target, "value") else target
        if np.shape(current) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        if hasattr(target, "value"):
            target.value = value.copy()
        else:
            setattr(owner, name, value.copy())
    return model
`;
