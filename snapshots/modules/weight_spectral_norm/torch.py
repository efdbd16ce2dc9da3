"""WeightNorm and SpectralNorm wrapping Linear and Conv layers, with their options:
feature axes (one, several, none), no scale, an epsilon, several power-iteration steps,
statistics updated or frozen by the constructor or the call."""

import math

import numpy as np
import torch


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


def flax_params(layer):
    """(Flax path, torch name, permutation to Flax's layout) of each parameter of layer.

    A layer's 2-D or larger weight is Flax's kernel ((*window, in, out) is torch's
    (out, in, *window)), an Embedding's weight Flax's embedding (the same layout),
    a 1-D weight a norm's scale; other names are Flax's already."""
    params = []
    for name, param in layer.named_parameters():
        *parents, attr = name.split(".")
        order = tuple(range(param.ndim))
        if attr == "weight":
            owner = layer.get_submodule(".".join(parents))
            if isinstance(owner, torch.nn.Embedding):
                attr = "embedding"
            elif param.ndim >= 2:
                attr, order = "kernel", (*range(2, param.ndim), 1, 0)
            else:
                attr = "scale"
        params.append(((*parents, attr), name, order))
    return params


class SpectralNorm(torch.nn.Module):
    """nnx.SpectralNorm: before each call, every parameter of layer_instance with two
    axes or more (in Flax's layout, the leading ones flattened) is divided by its largest
    singular value sigma, estimated with n_steps of power iteration from the vector u,
    and Flax writes it into the layer: so does this (gradients reach the parameter the
    call started from, through sigma). In training mode (update_stats, or model.train())
    u and sigma, buffers of batch_stats named by the parameter's Flax path, keep the new
    estimates; model.eval() keeps them as they are. u starts random, drawn from rngs."""

    def __init__(
        self, layer_instance, n_steps=1, epsilon=1e-12, update_stats=True, rngs=None
    ):
        super().__init__()
        key = None if rngs is None else rngs.params()
        self.layer_instance = layer_instance
        self.n_steps = n_steps
        self.epsilon = epsilon
        self.use_running_average = not update_stats
        self.batch_stats = torch.nn.Module()
        for path, _, order, shape in self.matrices():
            name = "_".join(path)
            self.batch_stats.register_buffer(
                name + "_u", 0.01 * torch.randn((1, shape[-1]), generator=key)
            )
            self.batch_stats.register_buffer(name + "_sigma", torch.ones(()))

    @staticmethod
    def l2_normalize(x, epsilon):
        return x * torch.rsqrt(torch.sum(x * x) + epsilon)

    def matrices(self):
        """(Flax path, torch name, permutation, Flax shape) of the parameters normalized."""
        matrices = []
        for path, name, order in flax_params(self.layer_instance):
            shape = self.layer_instance.get_parameter(name).permute(order).shape
            if len(shape) > 1 and self.n_steps >= 1:
                matrices.append((path, name, order, shape))
        return matrices

    def train(self, mode=True):
        self.use_running_average = not mode
        return super().train(mode)

    def forward(self, x, update_stats=None):
        if update_stats is None:
            update_stats = not self.use_running_average
        values = {}
        for path, name, order, shape in self.matrices():
            param = self.layer_instance.get_parameter(name)
            matrix = param.clone().permute(order).reshape(-1, shape[-1])
            stats = "_".join(path)
            u = getattr(self.batch_stats, stats + "_u")
            for _ in range(self.n_steps):
                v = self.l2_normalize(torch.matmul(u, matrix.T), self.epsilon)
                u = self.l2_normalize(torch.matmul(v, matrix), self.epsilon)
            u, v = u.detach(), v.detach()
            sigma = torch.matmul(torch.matmul(v, matrix), u.T)[0, 0]
            matrix = matrix / torch.where(sigma != 0, sigma, 1)
            inverse = sorted(range(len(shape)), key=order.__getitem__)
            values[name] = matrix.reshape(shape).permute(inverse)
            with torch.no_grad():
                if update_stats:
                    getattr(self.batch_stats, stats + "_u").copy_(u)
                    getattr(self.batch_stats, stats + "_sigma").copy_(sigma)
                param.copy_(values[name])
        return torch.func.functional_call(self.layer_instance, values, (x,))


class WeightNorm(torch.nn.Module):
    """nnx.WeightNorm: before each call, every kernel of layer_instance becomes its value
    l2-normalized over the axes but feature_axes (of Flax's layout) times its scale, and
    Flax writes it into the layer: so does this (gradients reach the kernel the call
    started from). The scales, ones unless scale_init(key, shape) is given, are buffers
    of scales named by the kernel's Flax path, as Flax keeps them outside its Params;
    scale_init draws from rngs."""

    def __init__(
        self,
        layer_instance,
        feature_axes=-1,
        use_scale=True,
        scale_init=None,
        epsilon=1e-12,
        rngs=None,
    ):
        super().__init__()
        key = None if rngs is None else rngs.params()
        self.layer_instance = layer_instance
        self.feature_axes = () if feature_axes is None else feature_axes
        self.epsilon = epsilon
        self.scales = None
        if use_scale:
            self.scales = torch.nn.Module()
            for path, name, order in self.kernels():
                shape = layer_instance.get_parameter(name).permute(order).shape
                shape = tuple(shape[axis] for axis in self.axes(len(shape)))
                scale = (
                    torch.ones(shape) if scale_init is None else scale_init(key, shape)
                )
                self.scales.register_buffer("_".join(path), torch.as_tensor(scale))

    def kernels(self):
        return [p for p in flax_params(self.layer_instance) if "kernel" in p[0]]

    def axes(self, ndim):
        axes = self.feature_axes
        return sorted({a % ndim for a in ((axes,) if isinstance(axes, int) else axes)})

    def forward(self, x, *args, **kwargs):
        values = {}
        for path, name, order in self.kernels():
            param = self.layer_instance.get_parameter(name)
            kernel = param.clone().permute(order)
            features = self.axes(kernel.ndim)
            reduced = [a for a in range(kernel.ndim) if a not in features]
            squares = torch.sum(kernel * kernel, dim=reduced, keepdim=True)
            kernel = kernel * torch.rsqrt(squares + self.epsilon)
            if self.scales is not None:
                shape = [
                    kernel.shape[a] if a in features else 1 for a in range(kernel.ndim)
                ]
                kernel = kernel * getattr(self.scales, "_".join(path)).reshape(shape)
            values[name] = kernel.permute(
                sorted(range(kernel.ndim), key=order.__getitem__)
            )
            with torch.no_grad():
                param.copy_(values[name])
        return torch.func.functional_call(
            self.layer_instance, values, (x, *args), kwargs
        )


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


class Model(torch.nn.Module):
    def __init__(self, features: int, rngs):
        super().__init__()
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

    def forward(self, x, images):
        y = self.unscaled(torch.nn.functional.threshold(self.weighted(x), 0, 0))
        y = self.forced(self.frozen(torch.tanh(self.spectral(y))), update_stats=True)
        maps = (
            torch.mean(self.whole(images), dim=(1, 2))
            + torch.sum(self.windows(images), dim=(1, 2, 3))[:, None]
        )
        return y + maps, self.spectral_conv(images, update_stats=False)
