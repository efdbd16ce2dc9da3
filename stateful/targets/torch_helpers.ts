/**
 * The Python sources of the torch target's stateful helpers: layer classes,
 * `load_flax_state` and the rest, each added to an output only when used
 * (see `torch.ts` for which op uses which).
 *
 * @module
 */

/** The `conv` helper's Python source. */
export const CONV = `
class Conv(torch.nn.Module):
    """nnx.Conv on channels-last inputs (batch, *spatial, features), as in Flax.

    The weight has torch's layout (out, in // feature_group_count, *kernel_size). 'SAME'
    pads each spatial axis by (total // 2, total - total // 2) for the dilated kernel, as
    XLA does: torch's padding="same" cannot express the asymmetric case (stride > 1).
    input_dilation puts input_dilation - 1 zeros between neighbouring inputs (lax's
    lhs_dilation), which torch's convolutions cannot do themselves."""

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
        fan_in = in_features // feature_group_count * math.prod(self.kernel_size)
        shape = (out_features, in_features // feature_group_count, *self.kernel_size)
        self.weight = torch.nn.Parameter(torch.randn(shape) / math.sqrt(fan_in))
        self.bias = torch.nn.Parameter(torch.zeros(out_features)) if use_bias else None

    def forward(self, x):
        # any number of leading batch axes (none, one or more), as in Flax
        batch = x.shape[: x.ndim - len(self.kernel_size) - 1]
        x = dilate(torch.movedim(x.reshape(-1, *x.shape[len(batch) :]), -1, 1), self.input_dilation)
        window = [(k - 1) * d + 1 for k, d in zip(self.kernel_size, self.kernel_dilation)]
        widths = []  # torch pads the last axis first
        for low, high in reversed(conv_padding(self.padding, x.shape[2:], window, self.strides)):
            widths.extend((low, high))
        x = torch.nn.functional.pad(x, widths)
        conv = (torch.nn.functional.conv1d, torch.nn.functional.conv2d, torch.nn.functional.conv3d)
        y = conv[len(self.kernel_size) - 1](
            x,
            self.weight,
            self.bias,
            stride=self.strides,
            dilation=self.kernel_dilation,
            groups=self.feature_group_count,
        )
        y = torch.movedim(y, 1, -1)
        return y.reshape(*batch, *y.shape[1:])
`;

/** The `dilate` helper's Python source: lax's lhs dilation on channels-first tensors. */
export const DILATE = `
def dilate(x, factors):
    """lax's lhs dilation of a channels-first x: factor - 1 zeros between neighbouring
    entries of each spatial axis."""
    shape = (*x.shape[:2], *((n - 1) * f + 1 for n, f in zip(x.shape[2:], factors)))
    if shape == x.shape:
        return x
    y = x.new_zeros(shape)
    y[(slice(None), slice(None), *(slice(None, None, f) for f in factors))] = x
    return y
`;

/** The `ConvTranspose` helper's Python source. */
export const CONV_TRANSPOSE = `
class ConvTranspose(torch.nn.Module):
    """nnx.ConvTranspose (lax.conv_transpose) on channels-last inputs, as in Flax.

    Flax correlates the input, dilated by strides and padded as conv_transpose_padding
    computes, with its kernel (*kernel_size, in, out). The weight is that kernel in
    torch's conv layout (out, in, *kernel_size); with transpose_kernel (Flax's kernel
    (*kernel_size, out, in), flipped and swapped) it is torch's own ConvTranspose layout
    (in, out, *kernel_size). torch's conv_transpose correlates the dilated input, padded
    by dilation * (kernel - 1) on each side, with its weight flipped and swapped: so the
    weight is flipped and swapped for it unless transpose_kernel, and its output is then
    cropped or zero-padded to Flax's padding."""

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
        features = (out_features, in_features)
        if transpose_kernel:
            features = (in_features, out_features)
        fan_in = in_features * math.prod(self.kernel_size)
        self.weight = torch.nn.Parameter(torch.randn((*features, *self.kernel_size)) / math.sqrt(fan_in))
        self.bias = torch.nn.Parameter(torch.zeros(out_features)) if use_bias else None

    def forward(self, x):
        # any number of leading batch axes (none, one or more), as in Flax
        batch = x.shape[: x.ndim - len(self.kernel_size) - 1]
        x = torch.movedim(x.reshape(-1, *x.shape[len(batch) :]), -1, 1)
        weight = self.weight
        if not self.transpose_kernel:
            weight = torch.flip(weight, tuple(range(2, weight.ndim))).transpose(0, 1)
        conv = (
            torch.nn.functional.conv_transpose1d,
            torch.nn.functional.conv_transpose2d,
            torch.nn.functional.conv_transpose3d,
        )
        y = conv[len(self.kernel_size) - 1](x, weight, stride=self.strides, dilation=self.kernel_dilation)
        pads = conv_transpose_padding(self.padding, self.kernel_size, self.strides, self.kernel_dilation)
        widths = []  # torch pads the last axis first; a negative width crops
        for (low, high), size, dilation in reversed(list(zip(pads, self.kernel_size, self.kernel_dilation))):
            full = dilation * (size - 1)
            widths.extend((low - full, high - full))
        y = torch.movedim(torch.nn.functional.pad(y, widths), 1, -1)
        if self.bias is not None:
            y = y + self.bias
        return y.reshape(*batch, *y.shape[1:])
`;

/** The `GroupNorm` helper's Python source. */
export const GROUP_NORM = `
class GroupNorm(torch.nn.Module):
    """nnx.GroupNorm on channels-last inputs (batch, ..., features), as Flax computes it.

    The features split into num_groups groups of consecutive ones (or groups of
    group_size); each example's group is normalized with its mean and variance
    E[x^2] - E[x]^2 (clipped at 0) over every axis but the first, then scaled and
    shifted per feature. torch.nn.GroupNorm is channels-first, with epsilon 1e-5."""

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
        self.weight = None
        if use_scale:
            self.weight = torch.nn.Parameter(torch.ones(num_features))
        self.bias = None
        if use_bias:
            self.bias = torch.nn.Parameter(torch.zeros(num_features))

    def forward(self, x):
        groups = x.reshape(*x.shape[:-1], self.num_groups, -1)
        dims = (*range(1, x.ndim - 1), -1)
        mean = torch.mean(groups, dim=dims, keepdim=True)
        var = torch.clamp(torch.mean(torch.square(groups), dim=dims, keepdim=True) - torch.square(mean), min=0.0)
        y = ((groups - mean) * torch.rsqrt(var + self.epsilon)).reshape(x.shape)
        if self.weight is not None:
            y = y * self.weight
        if self.bias is not None:
            y = y + self.bias
        return y
`;

/** The `pool` helper's Python source, which the pooling functions share. */
export const POOL = `
def pool(x, window_shape, strides, padding, value, functions):
    """flax.linen.pooling.pool over the window axes of x (batch..., *window, features): x
    padded with value as lax.reduce_window pads it ('SAME': the smaller half before),
    then pooled by functions[len(window_shape) - 1], torch's channels-first pooling."""
    spatial = len(window_shape)
    strides = (1,) * spatial if strides is None else tuple(strides)
    batch = x.shape[: x.ndim - spatial - 1]
    x = torch.movedim(x.reshape(-1, *x.shape[len(batch) :]), -1, 1)
    widths = []  # torch pads the last axis first
    for low, high in reversed(conv_padding(padding, x.shape[2:], window_shape, strides)):
        widths.extend((low, high))
    y = functions[spatial - 1](torch.nn.functional.pad(x, widths, value=value), window_shape, stride=strides)
    y = torch.movedim(y, 1, -1)
    return y.reshape(*batch, *y.shape[1:])
`;

/** The `avg_pool` helper's Python source. */
export const AVG_POOL = `
def avg_pool(inputs, window_shape, strides=None, padding="VALID", count_include_pad=True):
    """nnx.avg_pool: the mean of each window, padded entries counted as zeros; with
    count_include_pad=False, the sum over the entries of inputs the window covers."""
    functions = (torch.nn.functional.avg_pool1d, torch.nn.functional.avg_pool2d, torch.nn.functional.avg_pool3d)
    y = pool(inputs, window_shape, strides, padding, 0.0, functions)
    if not count_include_pad:
        ones = torch.ones((*inputs.shape[:-1], 1), dtype=inputs.dtype)
        y = y / pool(ones, window_shape, strides, padding, 0.0, functions)
    return y
`;

/** The `max_pool` helper's Python source. */
export const MAX_POOL = `
def max_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.max_pool: the maximum of each window; padding is -inf, so it never wins."""
    functions = (torch.nn.functional.max_pool1d, torch.nn.functional.max_pool2d, torch.nn.functional.max_pool3d)
    return pool(inputs, window_shape, strides, padding, -math.inf, functions)
`;

/** The `min_pool` helper's Python source. */
export const MIN_POOL = `
def min_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.min_pool: the minimum of each window (padding never wins)."""
    return -max_pool(-inputs, window_shape, strides, padding)
`;

/** The `batch_norm` helper's Python source. */
export const BATCH_NORM = `
class BatchNorm(torch.nn.Module):
    """nnx.BatchNorm as in Flax, over every axis but axis (the features, last by default).

    In training mode x is normalized with the batch's mean and biased variance
    (E[x^2] - E[x]^2, clipped at 0) over every other axis, and the running averages
    are updated as running = momentum * running + (1 - momentum) * batch: momentum is
    the decay (torch.nn.BatchNorm's momentum is 1 - that, and it keeps the unbiased
    variance). With use_running_average (here, per call, or after model.eval()) the
    running averages normalize x and stay as they are. model.train() and model.eval()
    set use_running_average, as Flax's do."""

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
        self.use_running_average = use_running_average
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))
        self.weight = None
        if use_scale:
            self.weight = torch.nn.Parameter(torch.ones(num_features))
        self.bias = None
        if use_bias:
            self.bias = torch.nn.Parameter(torch.zeros(num_features))

    def train(self, mode=True):
        self.use_running_average = not mode
        return super().train(mode)

    def forward(self, x, use_running_average=None):
        if use_running_average is None:
            use_running_average = self.use_running_average
        axis = self.axis % x.ndim
        x = torch.movedim(x, axis, -1)
        if use_running_average:
            mean, var = self.running_mean, self.running_var
        else:
            dims = tuple(range(x.ndim - 1))
            mean = torch.mean(x, dim=dims)
            var = torch.clamp(torch.mean(torch.square(x), dim=dims) - torch.square(mean), min=0.0)
            with torch.no_grad():
                self.running_mean.copy_(self.momentum * self.running_mean + (1 - self.momentum) * mean)
                self.running_var.copy_(self.momentum * self.running_var + (1 - self.momentum) * var)
        multiplier = torch.rsqrt(var + self.epsilon)
        if self.weight is not None:
            multiplier = multiplier * self.weight
        y = (x - mean) * multiplier
        if self.bias is not None:
            y = y + self.bias
        return torch.movedim(y, -1, axis)
`;

/** The `embed` helper's Python source. */
export const EMBED = `
class Embed(torch.nn.Embedding):
    """nnx.Embed: a torch.nn.Embedding with Flax's attend(query) = query @ embedding.T."""

    def attend(self, query):
        return torch.matmul(query, self.weight.T)
`;

/** The `dropout` helper's Python source. */
export const DROPOUT = `
class Dropout(torch.nn.Module):
    """nnx.Dropout: zeroes each input with probability rate and scales the rest by
    1 / (1 - rate), unless deterministic (here or per call). model.eval() and
    model.train() set deterministic, as Flax's do."""

    def __init__(self, rate, deterministic=False, rngs=None):
        super().__init__()
        self.rate = rate
        self.deterministic = deterministic
        self.generator = None if rngs is None else rngs.dropout()

    def train(self, mode=True):
        self.deterministic = not mode
        return super().train(mode)

    def forward(self, x, deterministic=None, rngs=None):
        if deterministic is None:
            deterministic = self.deterministic
        if deterministic or self.rate == 0.0:
            return x
        if self.rate == 1.0:
            return torch.zeros_like(x)
        generator = self.generator if rngs is None else rngs.dropout()
        keep = torch.rand(x.shape, generator=generator) >= self.rate
        return torch.where(keep, x / (1.0 - self.rate), torch.zeros_like(x))
`;

/** The `sequential` helper's Python source. */
export const SEQUENTIAL = `
class Sequential(torch.nn.Module):
    """nnx.Sequential: applies its layers in order, each output the next input.

    The layers live in self.layers, as in Flax; a plain function becomes a Function."""

    def __init__(self, *layers):
        super().__init__()
        self.layers = torch.nn.ModuleList()
        for layer in layers:
            if not isinstance(layer, torch.nn.Module):
                layer = Function(layer)
            self.layers.append(layer)

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
`;

/** The `function` helper's Python source. */
export const FUNCTION = `
class Function(torch.nn.Module):
    """A plain function as a layer, so that torch.nn.ModuleList can hold it."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, *args, **kwargs):
        return self.fn(*args, **kwargs)
`;

/** The `split_key` helper's Python source. */
export const SPLIT_KEY = `
def split_key(key, num=2):
    """jax.random.split: num new generators, seeded from key's stream."""
    seeds = torch.randint(2**62, (num,), generator=key).tolist()
    return [torch.Generator().manual_seed(seed) for seed in seeds]
`;

/** The `linear_general` helper's Python source. */
export const LINEAR_GENERAL = `
class LinearGeneral(torch.nn.Module):
    """nnx.LinearGeneral over the trailing axes, with Flax's names and layouts: x's last
    len(in_shape) axes (an int is one) contracted with kernel (*in_shape, *out_shape),
    plus bias (*out_shape)."""

    def __init__(self, in_shape, out_shape, use_bias=True):
        super().__init__()
        self.in_shape = (in_shape,) if isinstance(in_shape, int) else tuple(in_shape)
        out_shape = (out_shape,) if isinstance(out_shape, int) else tuple(out_shape)
        kernel = torch.randn((*self.in_shape, *out_shape)) / math.sqrt(math.prod(self.in_shape))
        self.kernel = torch.nn.Parameter(kernel)
        self.bias = torch.nn.Parameter(torch.zeros(out_shape)) if use_bias else None

    def forward(self, x):
        # one matmul over the contracted axes flattened (torch.tensordot's checks cost more)
        n = len(self.in_shape)
        y = x.flatten(x.ndim - n) @ self.kernel.reshape(math.prod(self.in_shape), -1)
        y = y.unflatten(-1, self.kernel.shape[n:])
        return y if self.bias is None else y + self.bias
`;

/** The `load_flax_state` helper's Python source. */
export const LOAD_FLAX_STATE = `
@torch.no_grad()
def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    The one place where Flax layouts become torch's: a layer's kernel becomes its
    weight with the last two axes first, reversed (Linear (in, out) -> (out, in),
    Conv and ConvTranspose (*window, in, out) -> (out, in, *window)); the scale of
    LayerNorm, RMSNorm, GroupNorm and BatchNorm and Embed's embedding become weight, BatchNorm's mean and var running_mean and
    running_var. Variables of user modules keep their names and layouts."""
    renamed = {
        "kernel": "weight",
        "scale": "weight",
        "embedding": "weight",
        "mean": "running_mean",
        "var": "running_var",
    }
    for path, value in flax_arrays(src):
        *parents, name = path
        owner = model
        for key in parents:
            owner = owner[int(key)] if key.isdigit() else getattr(owner, key)
        if not hasattr(owner, name) and name in renamed:
            if name == "kernel":
                value = np.transpose(value, (-1, -2, *range(value.ndim - 2)))
            name = renamed[name]
        target = getattr(owner, name)
        if tuple(target.shape) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        target.copy_(torch.tensor(value))
    return model
`;
