"""RMSNorm, GroupNorm and InstanceNorm with their options, LinearGeneral over one and two axes, and pooling (imported from flax.linen, as real NNX files do) with
'SAME', 'VALID' and explicit padding, strides, count_include_pad, 1-D windows and extra batch axes."""

import math

import numpy as np
import torch


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
        scale = torch.ones(shape) if scale_init is None else scale_init(key, shape)
        scale = torch.nn.Parameter(torch.as_tensor(scale, dtype=torch.float32))
    if use_bias:
        bias = torch.zeros(shape) if bias_init is None else bias_init(key, shape)
        bias = torch.nn.Parameter(torch.as_tensor(bias, dtype=torch.float32))
    return scale, bias


class GroupNorm(torch.nn.Module):
    """nnx.GroupNorm on channels-last inputs (batch, ..., features), as Flax computes it.

    The features split into num_groups groups of consecutive ones (or groups of
    group_size); each example's group is normalized with its mean and variance
    E[x^2] - E[x]^2 (clipped at 0) over every axis but the first, then scaled and
    shifted per feature. torch.nn.GroupNorm is channels-first, with epsilon 1e-5.
    The scale and bias start at ones and zeros unless scale_init / bias_init
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
        super().__init__()
        self.num_groups = group_count(num_features, num_groups, group_size)
        self.epsilon = epsilon
        n = num_features
        self.weight, self.bias = norm_params(
            n, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def forward(self, x):
        groups = x.reshape(*x.shape[:-1], self.num_groups, -1)
        dims = *range(1, x.ndim - 1), -1
        mean = torch.mean(groups, dim=dims, keepdim=True)
        var = torch.clamp(
            torch.mean(torch.square(groups), dim=dims, keepdim=True)
            - torch.square(mean),
            min=0.0,
        )
        y = ((groups - mean) * torch.rsqrt(var + self.epsilon)).reshape(x.shape)
        if self.weight is not None:
            y = y * self.weight
        if self.bias is not None:
            y = y + self.bias
        return y


def lecun_normal(key, shape):
    """LeCun normal, Flax's default kernel_init, of a kernel in Flax's layout
    (..., in, out): a normal of standard deviation 1 / sqrt(fan_in), fan_in
    the product of every axis but the last, truncated at two standard deviations (the
    truncation's lost variance restored), drawn from the generator key."""
    std = 1 / math.sqrt(math.prod(shape[:-1])) / 0.87962566103423978
    return torch.nn.init.trunc_normal_(
        torch.empty(shape), std=std, a=-2 * std, b=2 * std, generator=key
    )


class LinearGeneral(torch.nn.Module):
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
    ):
        super().__init__()
        key = None if rngs is None else rngs.params()
        self.in_shape = (in_shape,) if isinstance(in_shape, int) else tuple(in_shape)
        self.out_shape = (
            (out_shape,) if isinstance(out_shape, int) else tuple(out_shape)
        )
        self.fan_in = math.prod(self.in_shape)
        fan_out = math.prod(self.out_shape)
        kernel = (kernel_init or lecun_normal)(key, (self.fan_in, fan_out))
        self.kernel = torch.nn.Parameter(
            kernel.reshape(*self.in_shape, *self.out_shape)
        )
        self.bias = None
        if use_bias:
            bias = (
                torch.zeros(fan_out)
                if bias_init is None
                else bias_init(key, (fan_out,))
            )
            self.bias = torch.nn.Parameter(bias.reshape(self.out_shape))

    def forward(self, x):
        # one matrix product of x's rows over the contracted axes, flattened, with the
        # parameters' flat views (F.linear's transposes, torch.tensordot's checks cost more)
        rows = x.reshape(-1, self.fan_in)
        kernel, bias = self.kernel.reshape(self.fan_in, -1), self.bias
        y = (
            torch.mm(rows, kernel)
            if bias is None
            else torch.addmm(bias.reshape(-1), rows, kernel)
        )
        return y.view(*x.shape[: x.ndim - len(self.in_shape)], *self.out_shape)


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


def pool(x, window_shape, strides, padding, value, functions):
    """flax.linen.pooling.pool over the window axes of x (batch..., *window, features): x
    padded with value as lax.reduce_window pads it ('SAME': the smaller half before),
    then pooled by functions[len(window_shape) - 1], torch's channels-first pooling."""
    spatial = len(window_shape)
    strides = (1,) * spatial if strides is None else tuple(strides)
    batch = x.shape[: x.ndim - spatial - 1]
    x = torch.movedim(x.reshape(-1, *x.shape[len(batch) :]), -1, 1)
    widths = []  # torch pads the last axis first
    for low, high in reversed(
        conv_padding(padding, x.shape[2:], window_shape, strides)
    ):
        widths.extend((low, high))
    y = functions[spatial - 1](
        torch.nn.functional.pad(x, widths, value=value), window_shape, stride=strides
    )
    y = torch.movedim(y, 1, -1)
    return y.reshape(*batch, *y.shape[1:])


def avg_pool(
    inputs, window_shape, strides=None, padding="VALID", count_include_pad=True
):
    """nnx.avg_pool: the mean of each window, padded entries counted as zeros; with
    count_include_pad=False, the sum over the entries of inputs the window covers."""
    functions = (
        torch.nn.functional.avg_pool1d,
        torch.nn.functional.avg_pool2d,
        torch.nn.functional.avg_pool3d,
    )
    y = pool(inputs, window_shape, strides, padding, 0.0, functions)
    if not count_include_pad:
        ones = torch.ones((*inputs.shape[:-1], 1), dtype=inputs.dtype)
        y = y / pool(ones, window_shape, strides, padding, 0.0, functions)
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


def max_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.max_pool: the maximum of each window; padding is -inf, so it never wins."""
    functions = (
        torch.nn.functional.max_pool1d,
        torch.nn.functional.max_pool2d,
        torch.nn.functional.max_pool3d,
    )
    return pool(inputs, window_shape, strides, padding, -math.inf, functions)


def min_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.min_pool: the minimum of each window (padding never wins)."""
    return -max_pool(-inputs, window_shape, strides, padding)


class Norms(torch.nn.Module):
    def __init__(self, features: int, rngs):
        super().__init__()
        self.rms = torch.nn.RMSNorm(features, eps=1e-06)
        self.rms_plain = torch.nn.RMSNorm(features, eps=1e-3, elementwise_affine=False)
        self.groups = GroupNorm(features, num_groups=2)
        self.sized = GroupNorm(features, num_groups=None, group_size=2, epsilon=1e-5)
        self.unscaled = GroupNorm(features, num_groups=3, use_scale=False)
        self.unshifted = GroupNorm(features, num_groups=1, use_bias=False)
        self.instance = GroupNorm(features, num_groups=None, group_size=1, epsilon=1e-5)

    def forward(self, x):
        y = self.groups(x) + self.sized(x * 3.0 + 1.0)
        y = self.unscaled(torch.nn.functional.silu(y)) * self.unshifted(y)
        return self.rms(y) + self.rms_plain(x) + self.instance(y * x)


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


class Model(torch.nn.Module):
    def __init__(self, features: int, rngs):
        super().__init__()
        self.norms = Norms(features, rngs)
        self.split = LinearGeneral(features, (2, 3), rngs=rngs)
        self.merge = LinearGeneral((2, 3), 2, use_bias=False, rngs=rngs)

    def forward(self, x, s):
        y = self.norms(x)
        pooled = [
            torch.mean(p, dim=(1, 2))
            for p in pools(torch.nn.functional.threshold(y, 0, 0))
        ]
        return (
            self.merge(
                torch.nn.functional.gelu(self.split(sum(pooled)), approximate="tanh")
            ),
            sequence_pools(s),
        )
