"""nnx.BatchNorm after nnx.Conv (channels-last) and nnx.Linear: batch statistics and
running averages in training mode, the running averages with use_running_average.

The layers before a BatchNorm have no bias, as usual: the batch mean cancels it."""

import math

import numpy as np
import torch


def norm_params(num_features, use_scale, use_bias, scale_init, bias_init, rngs):
    """A norm's float32 scale and bias parameters (None where unused): ones and zeros of
    (num_features,), unless scale_init / bias_init (init(key, shape)) draw them from rngs."""
    key = None if rngs is None else rngs.params()
    shape = (num_features,)
    scale = bias = None
    if use_scale:
        scale = torch.ones(shape) if scale_init is None else scale_init(key, shape)
        scale = torch.nn.Parameter(torch.as_tensor(scale, dtype=torch.float32))
    if use_bias:
        bias = torch.zeros(shape) if bias_init is None else bias_init(key, shape)
        bias = torch.nn.Parameter(torch.as_tensor(bias, dtype=torch.float32))
    return scale, bias


class BatchNorm(torch.nn.Module):
    """nnx.BatchNorm as in Flax, over every axis but axis (the features, last by default).

    In training mode x is normalized with the batch's mean and biased variance
    (E[x^2] - E[x]^2, clipped at 0) over every other axis, and the running averages
    are updated as running = momentum * running + (1 - momentum) * batch: momentum is
    the decay (torch.nn.BatchNorm's momentum is 1 - that, and it keeps the unbiased
    variance). With use_running_average (here, per call, or after model.eval()) the
    running averages normalize x and stay as they are. model.train() and model.eval()
    set use_running_average, as Flax's do. The scale and bias start at ones and zeros
    unless scale_init / bias_init (init(key, shape)) draw them from rngs."""

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
    ):
        super().__init__()
        self.use_running_average = use_running_average
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        n = num_features
        self.register_buffer("running_mean", torch.zeros(n))
        self.register_buffer("running_var", torch.ones(n))
        self.weight, self.bias = norm_params(
            n, use_scale, use_bias, scale_init, bias_init, rngs
        )

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
            var = torch.clamp(
                torch.mean(torch.square(x), dim=dims) - torch.square(mean), min=0.0
            )
            with torch.no_grad():
                self.running_mean.copy_(
                    self.momentum * self.running_mean + (1 - self.momentum) * mean
                )
                self.running_var.copy_(
                    self.momentum * self.running_var + (1 - self.momentum) * var
                )
        multiplier = torch.rsqrt(var + self.epsilon)
        if self.weight is not None:
            multiplier = multiplier * self.weight
        y = (x - mean) * multiplier
        if self.bias is not None:
            y = y + self.bias
        return torch.movedim(y, -1, axis)


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


def dilate(x, factors):
    """lax's lhs dilation of a channels-first x: factor - 1 zeros between neighbouring
    entries of each spatial axis."""
    shape = *x.shape[:2], *((n - 1) * f + 1 for n, f in zip(x.shape[2:], factors))
    if shape == x.shape:
        return x
    y = x.new_zeros(shape)
    y[slice(None), slice(None), *(slice(None, None, f) for f in factors)] = x
    return y


def conv_general_dilated(
    x, weight, strides, padding, input_dilation, kernel_dilation, feature_group_count
):
    """lax.conv_general_dilated on channels-last inputs (batch..., *spatial, in), any number
    of leading batch axes, with a weight in torch's layout (out, in // feature_group_count,
    *window).

    'SAME' pads each spatial axis by (total // 2, total - total // 2) for the dilated kernel,
    as XLA does: torch's padding="same" cannot express the asymmetric case (stride > 1).
    input_dilation puts input_dilation - 1 zeros between neighbouring inputs (lax's
    lhs_dilation), which torch's convolutions cannot do themselves."""
    spatial = weight.ndim - 2
    batch = x.shape[: x.ndim - spatial - 1]
    x = dilate(
        torch.movedim(x.reshape(-1, *x.shape[len(batch) :]), -1, 1), input_dilation
    )
    window = [(k - 1) * d + 1 for k, d in zip(weight.shape[2:], kernel_dilation)]
    widths = []  # torch pads the last axis first
    for low, high in reversed(conv_padding(padding, x.shape[2:], window, strides)):
        widths.extend((low, high))
    conv = (
        torch.nn.functional.conv1d,
        torch.nn.functional.conv2d,
        torch.nn.functional.conv3d,
    )
    y = conv[spatial - 1](
        torch.nn.functional.pad(x, widths),
        weight,
        stride=strides,
        dilation=kernel_dilation,
        groups=feature_group_count,
    )
    y = torch.movedim(y, 1, -1)
    return y.reshape(*batch, *y.shape[1:])


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


def lecun_normal(key, shape):
    """LeCun normal, Flax's default kernel_init, of a kernel in Flax's layout
    (..., in, out): a normal of standard deviation 1 / sqrt(fan_in), fan_in
    the product of every axis but the last, truncated at two standard deviations (the
    truncation's lost variance restored), drawn from the generator key."""
    std = 1 / math.sqrt(math.prod(shape[:-1])) / 0.87962566103423978
    return torch.nn.init.trunc_normal_(
        torch.empty(shape), std=std, a=-2 * std, b=2 * std, generator=key
    )


def conv_weight(kernel_init, key, shape):
    """A conv weight of torch's layout shape (a, b, *window): kernel_init(key, shape) of
    Flax's layout (*window, b, a), LeCun normal by default as in Flax, permuted, drawn
    from the generator key."""
    init = kernel_init or lecun_normal
    kernel = torch.as_tensor(init(key, (*shape[2:], shape[1], shape[0])))
    weight = kernel.permute(-1, -2, *range(kernel.ndim - 2))
    return weight.to(torch.float32).contiguous()


class Conv(torch.nn.Module):
    """nnx.Conv on channels-last inputs (batch, *spatial, features), as in Flax.

    The weight has torch's layout (out, in // feature_group_count, *kernel_size); padding
    and input dilation are lax's (see conv_general_dilated); kernel_init / bias_init
    (init(key, shape), Flax's kernel layout) draw the initial values (else LeCun
    normal and zeros, as in Flax), from rngs."""

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
        super().__init__()
        self.kernel_size, self.strides, *dilations = conv_sizes(
            kernel_size, strides, input_dilation, kernel_dilation
        )
        self.input_dilation, self.kernel_dilation = dilations
        self.padding = padding
        self.feature_group_count = feature_group_count
        shape = out_features, in_features // feature_group_count, *self.kernel_size
        key = None if rngs is None else rngs.params()
        self.weight = torch.nn.Parameter(conv_weight(kernel_init, key, shape))
        self.bias = None
        if use_bias:
            bias = torch.zeros(out_features)
            if bias_init is not None:
                bias = torch.as_tensor(bias_init(key, (out_features,)))
            self.bias = torch.nn.Parameter(bias.to(torch.float32))

    def forward(self, x):
        y = conv_general_dilated(
            x,
            self.weight,
            self.strides,
            self.padding,
            self.input_dilation,
            self.kernel_dilation,
            self.feature_group_count,
        )
        return y if self.bias is None else y + self.bias


class Linear(torch.nn.Linear):
    """nnx.Linear as a torch.nn.Linear (weight (out, in)) with Flax's initial values: the
    weight is the transposed (in, out) kernel of kernel_init(key, shape), LeCun-normal
    (truncated) by default, the bias bias_init's, zero by default, drawn from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__(in_features, out_features, bias=use_bias)
        key = None if rngs is None else rngs.params()
        with torch.no_grad():
            kernel = (kernel_init or lecun_normal)(key, (in_features, out_features))
            self.weight.copy_(kernel.T)
            if use_bias and bias_init is None:
                self.bias.zero_()
            elif use_bias:
                self.bias.copy_(bias_init(key, (out_features,)))


class Rngs:
    """nnx.Rngs: named random streams, each a torch.Generator.

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
        if not torch.compiler.is_compiling():
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
            generators[stream] = torch.Generator().manual_seed(seed)
        return lambda: generators[stream]

    def __call__(self):
        return self.default()


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
    for owner, name, value, path in flax_targets(model, src):
        if not hasattr(owner, name) and name in renamed:
            if name == "kernel":
                value = np.transpose(value, (-1, -2, *range(value.ndim - 2)))
            name = renamed[name]
        target = getattr(owner, name)
        if tuple(target.shape) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        target.copy_(torch.tensor(value))
    return model


class BatchNormNet(torch.nn.Module):
    def __init__(self, channels: int, hidden: int, classes: int, *, rngs):
        super().__init__()
        self.conv = Conv(channels, 8, (3, 3), use_bias=False, rngs=rngs)
        self.conv_norm = BatchNorm(8)
        self.linear = Linear(8, hidden, use_bias=False, rngs=rngs)
        self.norm = BatchNorm(hidden, momentum=0.9, epsilon=1e-3)
        self.frozen = BatchNorm(hidden, use_running_average=True, use_bias=False)
        self.head = Linear(hidden, classes, rngs=rngs)

    def forward(self, x, use_running_average=None):
        x = torch.nn.functional.threshold(
            self.conv_norm(self.conv(x), use_running_average), 0, 0
        )
        x = torch.mean(x, dim=(1, 2))
        x = torch.nn.functional.threshold(
            self.norm(self.linear(x), use_running_average=use_running_average), 0, 0
        )
        return self.head(self.frozen(x))


def evaluate(model, x):
    return model(x, use_running_average=True)
