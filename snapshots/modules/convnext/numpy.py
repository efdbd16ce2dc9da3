"""A small ConvNeXt-style image classifier in Flax NNX.

The network follows "A ConvNet for the 2020s" (Liu et al., 2022), shrunk so that it runs in tests:

- a strided convolutional stem, normalized with GroupNorm and followed by a max pool,
- stages of inverted-bottleneck blocks, each a depthwise 7x7 convolution, a LayerNorm, a pointwise MLP
  (expansion 4, GELU) and a learnable per-channel layer scale, added back to the block input,
- downsampling between stages with a LayerNorm and a 2x2 stride-2 convolution, plus an average-pooled
  shortcut projected by a 1x1 convolution,
- global average pooling and a LayerNorm before the linear classifier.

Feature maps are channels-last, (batch, height, width, channels), as everywhere in Flax.
"""

import dataclasses
import math

import numpy as np


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


def conv_general_dilated(
    x, kernel, strides, padding, input_dilation, kernel_dilation, feature_group_count
):
    """lax.conv_general_dilated as nnx.Conv calls it: x (batch..., *spatial, in), any number of
    leading batch axes, kernel (*window, in // feature_group_count, out). 'SAME' pads each
    spatial axis by (total // 2, total - total // 2) for the dilated kernel, as XLA does."""
    spatial = kernel.ndim - 2
    batch = x.shape[: x.ndim - spatial - 1]
    x = x.reshape(-1, *x.shape[len(batch) :])
    dilated = (
        x.shape[0],
        *((n - 1) * f + 1 for n, f in zip(x.shape[1:-1], input_dilation)),
        x.shape[-1],
    )
    if dilated != x.shape:  # input_dilation - 1 zeros between neighbouring inputs
        spread = np.zeros(dilated, x.dtype)
        spread[slice(None), *(slice(None, None, f) for f in input_dilation)] = x
        x = spread
    window = [(k - 1) * d + 1 for k, d in zip(kernel.shape[:spatial], kernel_dilation)]
    x = np.pad(
        x, [(0, 0), *conv_padding(padding, x.shape[1:-1], window, strides), (0, 0)]
    )
    windows = np.lib.stride_tricks.sliding_window_view(
        x, window, axis=tuple(range(1, spatial + 1))
    )
    strided = tuple(slice(None, None, s) for s in strides)
    dilated_window = tuple(slice(None, None, d) for d in kernel_dilation)
    windows = windows[slice(None), *strided, slice(None), *dilated_window]
    # windows: (batch, *out_spatial, groups, in // groups, *kernel_size) against
    # kernel (*kernel_size, in // groups, groups, out // groups)
    windows = windows.reshape(
        *windows.shape[: spatial + 1],
        feature_group_count,
        -1,
        *windows.shape[spatial + 2 :],
    )
    kernel = kernel.reshape(*kernel.shape[:-1], feature_group_count, -1)
    axes = "".join(chr(ord("a") + k) for k in range(spatial))
    y = np.einsum(
        "...gi" + axes + "," + axes + "igo->...go", windows, kernel, optimize=True
    )
    y = y.reshape(*batch, *y.shape[1:-2], -1)
    return y


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


def truncated_normal(key, lower, upper, shape=None, dtype=np.float32):
    """jax.random.truncated_normal: standard normal draws, each redrawn until inside (lower, upper)."""
    if shape is None:
        shape = np.broadcast_shapes(np.shape(lower), np.shape(upper))
    x = key.standard_normal(shape)
    outside = (x <= lower) | (x >= upper)
    while np.any(outside):
        x = np.where(outside, key.standard_normal(shape), x)
        outside = (x <= lower) | (x >= upper)
    return x.astype(dtype)


def lecun_normal(key, shape):
    """LeCun normal, Flax's default kernel_init, of a kernel in Flax's layout
    (..., in, out): a normal of standard deviation 1 / sqrt(fan_in), fan_in
    the product of every axis but the last, truncated at two standard deviations (the
    truncation's lost variance restored), drawn from the generator key."""
    kernel = truncated_normal(key, -2.0, 2.0, shape=tuple(shape))
    return kernel / np.float32(0.87962566103423978 * math.sqrt(math.prod(shape[:-1])))


class Conv:
    """nnx.Conv on channels-last inputs, with Flax's kernel (*kernel_size, in // feature_group_count, out);
    kernel_init / bias_init (init(key, shape)) draw the initial values (else LeCun
    normal and zeros, as in Flax)."""

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
    ):
        self.kernel_size, self.strides, *dilations = conv_sizes(
            kernel_size, strides, input_dilation, kernel_dilation
        )
        self.input_dilation, self.kernel_dilation = dilations
        self.padding = padding
        self.feature_group_count = feature_group_count
        rng = np.random.default_rng() if rngs is None else rngs.params()
        shape = *self.kernel_size, in_features // feature_group_count, out_features
        self.kernel = np.asarray((kernel_init or lecun_normal)(rng, shape), np.float32)
        self.bias = None
        if use_bias:
            self.bias = (
                np.zeros(out_features, dtype=np.float32)
                if bias_init is None
                else np.asarray(bias_init(rng, (out_features,)), np.float32)
            )

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


def group_count(num_features, num_groups, group_size):
    """nnx.GroupNorm's number of groups: num_groups, or num_features // group_size."""
    if (num_groups is None) == (group_size is None):
        raise ValueError("give exactly one of num_groups and group_size")
    if group_size is not None:
        num_groups = num_features // group_size
    if num_features % num_groups:
        raise ValueError("the number of groups must divide the number of features")
    return num_groups


def norm_params(num_features, use_scale, use_bias, scale_init, bias_init, rngs):
    """A norm's float32 scale and bias parameters (None where unused): ones and zeros of
    (num_features,), unless scale_init / bias_init (init(key, shape)) draw them from rngs."""
    key = None if rngs is None else rngs.params()
    shape = (num_features,)
    scale = bias = None
    if use_scale:
        scale = np.ones(shape) if scale_init is None else scale_init(key, shape)
        scale = np.asarray(scale, np.float32)
    if use_bias:
        bias = np.zeros(shape) if bias_init is None else bias_init(key, shape)
        bias = np.asarray(bias, np.float32)
    return scale, bias


class GroupNorm:
    """nnx.GroupNorm on channels-last inputs (batch, ..., features), as Flax computes it.

    The features split into num_groups groups of consecutive ones (or groups of
    group_size); each example's group is normalized with its mean and variance
    E[x^2] - E[x]^2 (clipped at 0) over every axis but the first, then scaled and
    shifted per feature. The scale and bias start at ones and zeros unless scale_init / bias_init
    (init(key, shape)) draw them from rngs."""

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
    ):
        self.num_groups = group_count(num_features, num_groups, group_size)
        self.epsilon = epsilon
        self.scale, self.bias = norm_params(
            num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def __call__(self, x):
        groups = x.reshape(*x.shape[:-1], self.num_groups, -1)
        axes = *range(1, x.ndim - 1), -1
        mean = np.mean(groups, axis=axes, keepdims=True)
        variance = np.maximum(
            np.mean(np.square(groups), axis=axes, keepdims=True) - np.square(mean), 0.0
        )
        y = ((groups - mean) / np.sqrt(variance + np.float32(self.epsilon))).reshape(
            x.shape
        )
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y


class LayerNorm:
    """nnx.LayerNorm over the last axis: variance E[x^2] - E[x]^2 (clipped at 0), as in Flax. The scale and bias start at ones and zeros unless scale_init / bias_init
    (init(key, shape)) draw them from rngs."""

    def __init__(
        self,
        num_features,
        epsilon=1e-6,
        use_bias=True,
        use_scale=True,
        scale_init=None,
        bias_init=None,
        rngs=None,
    ):
        self.epsilon = epsilon
        self.scale, self.bias = norm_params(
            num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def __call__(self, x):
        mean = np.mean(x, axis=-1, keepdims=True)
        variance = np.maximum(
            np.mean(np.square(x), axis=-1, keepdims=True) - np.square(mean), 0.0
        )
        y = (x - mean) / np.sqrt(variance + np.float32(self.epsilon))
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y


class Linear:
    """nnx.Linear: x @ kernel + bias, with kernel (in, out) as in Flax, LeCun-normal, and bias
    zero unless kernel_init / bias_init (init(key, shape)) are given."""

    def __init__(
        self,
        in_features,
        out_features,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        self.kernel = (kernel_init or lecun_normal)(rng, (in_features, out_features))
        self.bias = None
        if use_bias and bias_init is None:
            self.bias = np.zeros(out_features, dtype=np.float32)
        elif use_bias:
            self.bias = bias_init(rng, (out_features,))

    def __call__(self, x):
        y = np.matmul(x, self.kernel)
        return y if self.bias is None else y + self.bias


class Variable:
    """nnx.Variable: holds an array, read and written as .value.

    Used as an array (in arithmetic, indexed, passed to NumPy), it is its value, as a
    Flax Variable is."""

    def __init__(self, value):
        self.value = np.asarray(value)

    def __array__(self, dtype=None, copy=None):
        return self.value if dtype is None else self.value.astype(dtype)

    def __getattr__(self, name):
        if name == "value":  # not set yet (copy, pickle)
            raise AttributeError(name)
        return getattr(self.value, name)

    def __getitem__(self, index):
        return self.value[index]

    def __len__(self):
        return len(self.value)

    def __iter__(self):
        return iter(self.value)

    @staticmethod
    def _on_value(name):
        """The operator `name` of a Variable: the same operator of its value."""

        def operator(self, *args):
            return getattr(self.value, name)(*args)

        operator.__name__ = name
        return operator

    __add__ = _on_value("__add__")
    __sub__ = _on_value("__sub__")
    __mul__ = _on_value("__mul__")
    __matmul__ = _on_value("__matmul__")
    __truediv__ = _on_value("__truediv__")
    __floordiv__ = _on_value("__floordiv__")
    __mod__ = _on_value("__mod__")
    __pow__ = _on_value("__pow__")
    __lshift__ = _on_value("__lshift__")
    __rshift__ = _on_value("__rshift__")
    __and__ = _on_value("__and__")
    __xor__ = _on_value("__xor__")
    __or__ = _on_value("__or__")
    __radd__ = _on_value("__radd__")
    __rsub__ = _on_value("__rsub__")
    __rmul__ = _on_value("__rmul__")
    __rmatmul__ = _on_value("__rmatmul__")
    __rtruediv__ = _on_value("__rtruediv__")
    __rfloordiv__ = _on_value("__rfloordiv__")
    __rmod__ = _on_value("__rmod__")
    __rpow__ = _on_value("__rpow__")
    __rlshift__ = _on_value("__rlshift__")
    __rrshift__ = _on_value("__rrshift__")
    __rand__ = _on_value("__rand__")
    __rxor__ = _on_value("__rxor__")
    __ror__ = _on_value("__ror__")
    __neg__ = _on_value("__neg__")
    __pos__ = _on_value("__pos__")
    __abs__ = _on_value("__abs__")
    __invert__ = _on_value("__invert__")
    __lt__ = _on_value("__lt__")
    __le__ = _on_value("__le__")
    __gt__ = _on_value("__gt__")
    __ge__ = _on_value("__ge__")


class Param(Variable):
    """nnx.Param: a Variable holding a trainable weight."""


class Rngs:
    """nnx.Rngs: named random streams, each a np.random.Generator.

    rngs.params(), rngs.dropout() and rngs() give a stream's generator; a stream the
    constructor did not name draws from the default one. An Rngs built while a call is
    traced makes a stream's generator when the stream is first used, so that one that
    draws nothing (passed to initialize_carry) makes none. The numbers differ from JAX's."""

    def __init__(self, default=None, **streams):
        if default is not None:
            streams["default"] = default
        self.seeds = dict(streams)
        self.generators = {}

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
            generators[stream] = np.random.default_rng(seed)
        return lambda: generators[stream]

    def __call__(self):
        return self.default()


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
    windows = windows[
        (slice(None),) * axes[0] + tuple(slice(None, None, s) for s in strides)
    ]
    return reduce(windows, axis=tuple(range(-spatial, 0)))


def avg_pool(
    inputs, window_shape, strides=None, padding="VALID", count_include_pad=True
):
    """nnx.avg_pool: the mean of each window, padded entries counted as zeros; with
    count_include_pad=False, the sum over the entries of inputs the window covers."""
    y = pool(inputs, window_shape, strides, padding, 0.0, np.mean)
    if not count_include_pad:
        ones = np.ones((*inputs.shape[:-1], 1), dtype=inputs.dtype)
        y = y / pool(ones, window_shape, strides, padding, 0.0, np.mean)
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


def gelu(x, approximate=True):
    """GELU; the tanh approximation is jax.nn.gelu's default."""
    if approximate:
        # x * x * x, as XLA computes JAX's x**3 (NumPy's float power is far slower)
        inner = np.sqrt(2 / np.pi).astype(x.dtype) * (x + 0.044715 * (x * x * x))
        return 0.5 * x * (1 + np.tanh(inner))
    erf = np.vectorize(math.erf, otypes=[x.dtype])
    return 0.5 * x * (1 + erf(x / np.sqrt(2).astype(x.dtype)))


def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    Names and layouts are Flax's on this target: each array is copied as it is,
    into a layer's attribute or a Variable's value."""
    for owner, name, value, path in flax_targets(model, src):
        target = owner[name] if isinstance(owner, dict) else getattr(owner, name)
        current = target.value if hasattr(target, "value") else target
        if np.shape(current) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        if hasattr(target, "value"):
            target.value = value.copy()
        elif isinstance(owner, dict):
            owner[name] = value.copy()
        else:
            setattr(owner, name, value.copy())
    return model


def max_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.max_pool: the maximum of each window; padding is -inf, so it never wins."""
    return pool(inputs, window_shape, strides, padding, -np.inf, np.max)


def softmax(x, axis=-1):
    """exp(x) normalized along axis, computed stably."""
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


LAYER_SCALE_INIT = 1e-6


@dataclasses.dataclass(frozen=True)
class ConvNeXtConfig:
    """Hyperparameters of :class:`ConvNeXt`.

    Attributes:
      in_channels: channels of the input images.
      num_classes: size of the classifier output.
      depths: number of blocks in each stage.
      dims: channels of each stage; the same length as ``depths``.
      stem_groups: GroupNorm groups in the stem.
      layer_scale: initial value of every block's layer scale.
    """

    in_channels: int = 3
    num_classes: int = 10
    depths: tuple[int, ...] = 2, 2
    dims: tuple[int, ...] = 8, 16
    stem_groups: int = 4
    layer_scale: float = LAYER_SCALE_INIT


class ConvNeXtBlock:
    """Depthwise conv -> LayerNorm -> Linear(4x) -> GELU -> Linear -> layer scale, plus the residual."""

    def __init__(
        self,
        dim: int,
        *,
        expansion: int = 4,
        layer_scale: float = LAYER_SCALE_INIT,
        rngs,
    ):
        # feature_group_count=dim makes the 7x7 convolution depthwise: one filter per channel
        self.dwconv = Conv(dim, dim, (7, 7), feature_group_count=dim, rngs=rngs)
        self.norm = LayerNorm(dim, epsilon=1e-6)
        self.pwconv1 = Linear(dim, expansion * dim, rngs=rngs)
        self.pwconv2 = Linear(expansion * dim, dim, rngs=rngs)
        self.gamma = Param(layer_scale * np.ones((dim,), dtype=np.float32))

    def __call__(self, x):
        shortcut = x
        x = self.dwconv(x)
        x = self.norm(x)
        x = self.pwconv1(x)
        x = gelu(x)
        x = self.pwconv2(x)
        x = self.gamma.value * x
        return shortcut + x


class Downsample:
    """Halves the resolution: LayerNorm then a 2x2 stride-2 conv, with an average-pooled 1x1 shortcut."""

    def __init__(self, in_dim: int, out_dim: int, *, rngs):
        self.norm = LayerNorm(in_dim)
        self.conv = Conv(
            in_dim, out_dim, (2, 2), strides=(2, 2), padding="VALID", rngs=rngs
        )
        self.shortcut = Conv(in_dim, out_dim, (1, 1), use_bias=False, rngs=rngs)

    def __call__(self, x):
        pooled = avg_pool(x, (2, 2), strides=(2, 2))
        return self.conv(self.norm(x)) + self.shortcut(pooled)


class Stem:
    """3x3 stride-2 convolution, GroupNorm, GELU, then a 3x3 stride-2 max pool (ResNet-style)."""

    def __init__(self, in_channels: int, dim: int, *, groups: int, rngs):
        self.conv = Conv(in_channels, dim, (3, 3), strides=(2, 2), rngs=rngs)
        self.norm = GroupNorm(dim, num_groups=groups)

    def __call__(self, x):
        x = gelu(self.norm(self.conv(x)))
        return max_pool(x, (3, 3), strides=(2, 2), padding="SAME")


class ConvNeXt:
    """ConvNeXt classifier, configured by a :class:`ConvNeXtConfig`."""

    def __init__(self, config: ConvNeXtConfig, *, rngs):
        depths, dims = config.depths, config.dims
        if len(depths) != len(dims):
            raise ValueError("depths and dims must have the same length")
        self.config = config
        self.stem = Stem(
            config.in_channels, dims[0], groups=config.stem_groups, rngs=rngs
        )
        self.downsamples = [
            Downsample(dims[i], dims[i + 1], rngs=rngs) for i in range(len(dims) - 1)
        ]
        stages = []
        for depth, dim in zip(depths, dims):
            blocks = [
                ConvNeXtBlock(dim, layer_scale=config.layer_scale, rngs=rngs)
                for _ in range(depth)
            ]
            stages.append(list(blocks))
        self.stages = list(stages)
        self.norm = LayerNorm(dims[-1])
        self.head = Linear(dims[-1], config.num_classes, rngs=rngs)

    def features(self, x):
        """The last stage's feature map, (batch, h / 16, w / 16, dims[-1]) for the default two stages."""
        x = self.stem(x)
        for i, stage in enumerate(self.stages):
            if i > 0:
                x = self.downsamples[i - 1](x)
            for block in stage:
                x = block(x)
        return x

    def __call__(self, x):
        x = self.features(x)
        x = np.mean(x, axis=(1, 2))  # global average pool
        return self.head(self.norm(x))


def predict(model: ConvNeXt, images):
    """Class probabilities for a batch of images."""
    return softmax(model(images))
