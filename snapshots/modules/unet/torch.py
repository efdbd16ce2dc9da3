"""A small diffusion-style UNet in Flax NNX.

The shape of the network is that of DDPM's denoiser (Ho et al., 2020), made small:

- a sinusoidal embedding of the diffusion time, passed through an MLP and added inside every residual block,
- residual blocks of GroupNorm -> SiLU -> 3x3 conv, twice, with a 1x1 projection when the channels change,
- an encoder that halves the resolution with stride-2 convolutions, keeping each level's output for the decoder,
- a bottleneck that mixes channels with an RMSNorm-ed MLP,
- a decoder that doubles the resolution with a stride-2 transposed convolution at the first level and with
  nearest-neighbour upsampling (``jnp.repeat``) plus a convolution at the others, concatenating the skip
  connections along the channels.

Inputs are channels-last images (batch, height, width, channels) with height and width divisible by
``2 ** (len(channel_mults) - 1)``, and one time per example.
"""

import dataclasses
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


class ConvTranspose(torch.nn.Module):
    """nnx.ConvTranspose (lax.conv_transpose) on channels-last inputs, as in Flax.

    Flax correlates the input, dilated by strides and padded as conv_transpose_padding
    computes, with its kernel (*kernel_size, in, out). The weight is that kernel in
    torch's conv layout (out, in, *kernel_size); with transpose_kernel (Flax's kernel
    (*kernel_size, out, in), flipped and swapped) it is torch's own ConvTranspose layout
    (in, out, *kernel_size). torch's conv_transpose correlates the dilated input, padded
    by dilation * (kernel - 1) on each side, with its weight flipped and swapped: so the
    weight is flipped and swapped for it unless transpose_kernel, and its output is then
    cropped or zero-padded to Flax's padding. kernel_init / bias_init (init(key, shape),
    Flax's kernel layout) draw the initial values (else LeCun normal and zeros, as in
    Flax), from rngs."""

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
    ):
        super().__init__()
        self.kernel_size, self.strides, self.kernel_dilation = conv_sizes(
            kernel_size, strides, kernel_dilation
        )
        self.padding = padding
        self.transpose_kernel = transpose_kernel
        features = out_features, in_features
        if transpose_kernel:
            features = in_features, out_features
        key = None if rngs is None else rngs.params()
        shape = *features, *self.kernel_size
        self.weight = torch.nn.Parameter(conv_weight(kernel_init, key, shape))
        self.bias = None
        if use_bias:
            bias = torch.zeros(out_features)
            if bias_init is not None:
                bias = torch.as_tensor(bias_init(key, (out_features,)))
            self.bias = torch.nn.Parameter(bias.to(torch.float32))

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
        y = conv[len(self.kernel_size) - 1](
            x, weight, stride=self.strides, dilation=self.kernel_dilation
        )
        pads = conv_transpose_padding(
            self.padding, self.kernel_size, self.strides, self.kernel_dilation
        )
        widths = []  # torch pads the last axis first; a negative width crops
        for (low, high), size, dilation in reversed(
            list(zip(pads, self.kernel_size, self.kernel_dilation))
        ):
            full = dilation * (size - 1)
            widths.extend((low - full, high - full))
        y = torch.movedim(torch.nn.functional.pad(y, widths), 1, -1)
        if self.bias is not None:
            y = y + self.bias
        return y.reshape(*batch, *y.shape[1:])


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


def timestep_embedding(t, dim: int, max_period: float = 10000.0):
    """Sinusoidal features of the times t (batch,), shape (batch, dim)."""
    half = dim // 2
    freqs = torch.exp(
        -math.log(max_period) * torch.arange(half, dtype=torch.float32) / half
    )
    args = t[:, None] * freqs[None, :]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)


def upsample_nearest(x, factor: int = 2):
    """Repeats every pixel factor times along height and width."""
    x = torch.repeat_interleave(x, factor, dim=1)
    return torch.repeat_interleave(x, factor, dim=2)


class ResBlock(torch.nn.Module):
    """GroupNorm -> SiLU -> conv, plus the time embedding, then GroupNorm -> SiLU -> conv; residual."""

    def __init__(
        self, in_channels: int, out_channels: int, time_dim: int, *, groups: int, rngs
    ):
        super().__init__()
        self.norm1 = GroupNorm(in_channels, num_groups=groups)
        self.conv1 = Conv(in_channels, out_channels, (3, 3), rngs=rngs)
        self.time_proj = Linear(time_dim, out_channels, rngs=rngs)
        self.norm2 = GroupNorm(out_channels, num_groups=groups)
        self.conv2 = Conv(out_channels, out_channels, (3, 3), rngs=rngs)
        if in_channels != out_channels:
            self.skip = Conv(in_channels, out_channels, (1, 1), rngs=rngs)
        else:
            self.skip = None

    def forward(self, x, temb):
        h = self.conv1(torch.nn.functional.silu(self.norm1(x)))
        h = h + self.time_proj(torch.nn.functional.silu(temb))[:, None, None, :]
        h = self.conv2(torch.nn.functional.silu(self.norm2(h)))
        if self.skip is not None:
            x = self.skip(x)
        return x + h


class Bottleneck(torch.nn.Module):
    """A channel-mixing MLP on RMS-normalized features, added back to its input."""

    def __init__(self, channels: int, *, hidden: int, rngs):
        super().__init__()
        self.norm = torch.nn.RMSNorm(channels, eps=1e-06)
        self.fc1 = Linear(channels, hidden, rngs=rngs)
        self.fc2 = Linear(hidden, channels, rngs=rngs)

    def forward(self, x):
        return x + self.fc2(torch.nn.functional.silu(self.fc1(self.norm(x))))


@dataclasses.dataclass(frozen=True)
class UNetConfig:
    """Hyperparameters of :class:`UNet`.

    Attributes:
      in_channels: channels of the images.
      base_channels: channels of the first level; level i has ``base_channels * channel_mults[i]``.
      channel_mults: one multiplier per resolution level.
      groups: GroupNorm groups (must divide every level's channels).
      time_dim: width of the time embedding.
    """

    in_channels: int = 3
    base_channels: int = 8
    channel_mults: tuple[int, ...] = 1, 2, 2
    groups: int = 4
    time_dim: int = 16


class UNet(torch.nn.Module):
    """UNet denoiser, configured by a :class:`UNetConfig`."""

    def __init__(self, config: UNetConfig, *, rngs):
        super().__init__()
        in_channels, base_channels, groups = (
            config.in_channels,
            config.base_channels,
            config.groups,
        )
        time_dim = config.time_dim
        self.time_dim = time_dim
        self.time_fc1 = Linear(time_dim, time_dim, rngs=rngs)
        self.time_fc2 = Linear(time_dim, time_dim, rngs=rngs)
        self.stem = Conv(in_channels, base_channels, (3, 3), rngs=rngs)
        channels = [base_channels * m for m in config.channel_mults]
        down_blocks = []
        down_samples = []
        prev = base_channels
        for i, ch in enumerate(channels):
            down_blocks.append(ResBlock(prev, ch, time_dim, groups=groups, rngs=rngs))
            if i < len(channels) - 1:
                down_samples.append(Conv(ch, ch, (3, 3), strides=(2, 2), rngs=rngs))
            prev = ch
        self.down_blocks = torch.nn.ModuleList(down_blocks)
        self.down_samples = torch.nn.ModuleList(down_samples)
        self.mid = Bottleneck(prev, hidden=2 * prev, rngs=rngs)
        up_samples = []
        up_blocks = []
        for i in reversed(range(len(channels) - 1)):
            if i == len(channels) - 2:
                # a learned 2x upsampling at the coarsest level
                up_samples.append(
                    ConvTranspose(prev, prev, (2, 2), strides=(2, 2), rngs=rngs)
                )
            else:
                up_samples.append(Conv(prev, prev, (3, 3), rngs=rngs))
            up_blocks.append(
                ResBlock(
                    prev + channels[i], channels[i], time_dim, groups=groups, rngs=rngs
                ),
            )
            prev = channels[i]
        self.up_samples = torch.nn.ModuleList(up_samples)
        self.up_blocks = torch.nn.ModuleList(up_blocks)
        self.out_norm = GroupNorm(prev, num_groups=groups)
        self.out_conv = Conv(prev, in_channels, (3, 3), rngs=rngs)

    def forward(self, x, t):
        temb = timestep_embedding(t, self.time_dim)
        temb = self.time_fc2(torch.nn.functional.silu(self.time_fc1(temb)))
        h = self.stem(x)
        skips = []
        for i, block in enumerate(self.down_blocks):
            h = block(h, temb)
            if i < len(self.down_samples):
                skips.append(h)
                h = self.down_samples[i](h)
        h = self.mid(h)
        for i, (upsample, block) in enumerate(zip(self.up_samples, self.up_blocks)):
            if i == 0:
                h = upsample(h)
            else:
                h = upsample(upsample_nearest(h))
            h = torch.cat([h, skips.pop()], dim=-1)
            h = block(h, temb)
        return self.out_conv(torch.nn.functional.silu(self.out_norm(h)))


def denoising_loss(model: UNet, noisy, t, noise):
    """Mean squared error between the predicted and the true noise."""
    return torch.mean(torch.square(model(noisy, t) - noise))
