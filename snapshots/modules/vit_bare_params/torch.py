"""A small ViT as Flax NNX users write one: a config dataclass, a patch Conv, a class token and position
embedding read as bare nnx.Params (`x + self.pos`), an nnx.List of attention blocks."""

import math
from dataclasses import dataclass

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


def dot_product_attention(
    query, key, value, bias=None, mask=None, scale=None, is_causal=False
):
    """jax.nn.dot_product_attention on (batch..., length, heads, head_dim) inputs, with
    torch.nn.functional.scaled_dot_product_attention.

    logits = query . key * scale (1 / sqrt(head_dim) by default) + bias; where mask is
    False or 0, or above the diagonal with is_causal, a logit becomes the dtype's
    minimum (an additive float mask at finfo.min, not a bool one, whose -inf would make
    a row masked everywhere differ: as in JAX, it attends uniformly, and no gradient
    reaches its logits, though torch's CPU kernel gives value a gradient of its own
    from such a row); softmax over the keys weighs value. With fewer key/value heads
    than query heads, each serves a run of consecutive query heads (enable_gqa)."""
    query, key, value = (
        query.transpose(-2, -3),
        key.transpose(-2, -3),
        value.transpose(-2, -3),
    )
    keep = None if mask is None else mask if mask.dtype == torch.bool else mask != 0
    if is_causal and (keep is not None or bias is not None):
        causal = torch.ones(query.shape[-2], key.shape[-2], dtype=torch.bool).tril()
        keep = causal if keep is None else keep & causal
        is_causal = False
    if keep is not None:
        fill = torch.finfo(query.dtype).min
        bias = torch.where(keep, 0.0 if bias is None else bias, fill)
        if bias.dtype != query.dtype:
            bias = bias.to(query.dtype)
        if torch.is_grad_enabled() and (query.requires_grad or key.requires_grad):
            # a row masked everywhere: zero logits, so that no gradient reaches them
            query = query * keep.any(-1, keepdim=True).to(query.dtype)
    # a literal enable_gqa (torch.compile would pass a comparison of shapes as a SymBool)
    if query.shape[-3] != key.shape[-3]:
        y = torch.nn.functional.scaled_dot_product_attention(
            query,
            key,
            value,
            attn_mask=bias,
            is_causal=is_causal,
            scale=scale,
            enable_gqa=True,
        )
    else:
        y = torch.nn.functional.scaled_dot_product_attention(
            query, key, value, attn_mask=bias, is_causal=is_causal, scale=scale
        )
    return y.transpose(-2, -3)


class MultiHeadAttention(torch.nn.Module):
    """nnx.MultiHeadAttention as in Flax, with dropout on the attention weights, the
    autoregressive cache (decode=True after init_cache) and normalize_qk.

    query, key, value and out are LinearGeneral projections with Flax's names and
    layouts (not torch.nn.MultiheadAttention's packed in_proj_weight): the query, key
    and value kernels are (in_features, heads, head_dim), out's (heads, head_dim,
    out_features), every projection has a bias unless use_bias=False; normalize_qk adds
    query_ln and key_ln, LayerNorms without bias over head_dim; init_cache adds the
    cached_key, cached_value and cache_index buffers. load_flax_state copies them all as
    they are. inputs_k and inputs_v default to inputs_q; mask (True or nonzero where a
    query may attend to a key) broadcasts against (batch..., heads, q_length,
    kv_length); see dot_product_attention. Dropout zeroes attention weights with
    probability dropout_rate (one mask for every batch and head with broadcast_dropout)
    unless deterministic (the call's, else the constructor's; model.eval() and
    model.train() set it), drawing from the rngs' dropout stream; the numbers differ
    from JAX's.

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
    ):
        super().__init__()
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
            self.query_ln = torch.nn.LayerNorm(self.head_dim, eps=1e-6, bias=False)
            self.key_ln = torch.nn.LayerNorm(self.head_dim, eps=1e-6, bias=False)
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
        self.generator = (
            rngs.dropout() if rngs is not None and dropout_rate > 0.0 else None
        )
        for name in ("cached_key", "cached_value", "cache_index"):
            self.register_buffer(name, None)  # init_cache fills them

    def train(self, mode=True):
        self.deterministic = not mode
        return super().train(mode)

    def init_cache(self, input_shape, dtype=torch.float32):
        """Zero caches for inputs of input_shape (batch..., max_length, features)."""
        shape = *input_shape[:-1], self.num_kv_heads, self.head_dim
        self.cached_key = torch.nn.Buffer(torch.zeros(shape, dtype=dtype))
        self.cached_value = torch.nn.Buffer(torch.zeros(shape, dtype=dtype))
        self.cache_index = torch.nn.Buffer(torch.tensor(0, dtype=torch.int32))

    def forward(
        self,
        inputs_q,
        inputs_k=None,
        inputs_v=None,
        *,
        mask=None,
        deterministic=None,
        rngs=None,
        decode=None,
        is_causal=False,
    ):
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
            at = self.cache_index.long().reshape(1)
            self.cached_key.index_copy_(-3, at, key)
            self.cached_value.index_copy_(-3, at, value)
            key, value = self.cached_key.clone(), self.cached_value.clone()
            filled = (torch.arange(key.shape[-3]) <= self.cache_index)[None, :]
            mask = filled if mask is None else (mask != 0) & filled
            self.cache_index += 1
        if self.dropout_rate > 0.0:
            if deterministic is None:
                deterministic = self.deterministic
            if deterministic is None:
                raise ValueError(
                    "deterministic must be given to MultiHeadAttention or its call when dropout_rate > 0",
                )
            if not deterministic:
                generator = self.generator if rngs is None else rngs.dropout()
                return self.out(
                    self.dropout_attention(
                        query, key, value, mask, is_causal, generator
                    ),
                )
        return self.out(
            dot_product_attention(query, key, value, mask=mask, is_causal=is_causal)
        )

    def dropout_attention(self, query, key, value, mask, is_causal, generator):
        """Attention whose softmax weights go through dropout, as Flax's
        dot_product_attention_weights applies it."""
        groups = query.shape[-2] // key.shape[-2]
        key = torch.repeat_interleave(key, groups, dim=-2)
        value = torch.repeat_interleave(value, groups, dim=-2)
        logits = torch.einsum(
            "...qhd,...khd->...hqk", query / math.sqrt(query.shape[-1]), key
        )
        keep = None if mask is None else mask != 0
        if is_causal:
            causal = torch.ones(logits.shape[-2:], dtype=torch.bool).tril()
            keep = causal if keep is None else keep & causal
        if keep is not None:
            logits = torch.where(keep, logits, torch.finfo(logits.dtype).min)
        weights = torch.softmax(logits, dim=-1)
        shape = (
            (*((1,) * (weights.ndim - 2)), *weights.shape[-2:])
            if self.broadcast_dropout
            else weights.shape
        )
        kept = torch.rand(shape, generator=generator) < 1.0 - self.dropout_rate
        weights = weights * kept / (1.0 - self.dropout_rate)
        return torch.einsum("...hqk,...khd->...qhd", weights, value)


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


def gelu(x, approximate=True):
    """jax.nn.gelu: the tanh approximation, or exactly x * Phi(x) (torch's exact gelu is NaN at +inf)."""
    if approximate:
        return torch.nn.functional.gelu(x, approximate="tanh")
    return x * torch.special.ndtr(x)


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


class PatchEmbed(torch.nn.Module):
    def __init__(self, cfg: ViTConfig, *, rngs):
        super().__init__()
        self.proj = Conv(
            cfg.channels,
            cfg.dim,
            (cfg.patch_size, cfg.patch_size),
            strides=(cfg.patch_size, cfg.patch_size),
            padding="VALID",
            rngs=rngs,
        )

    def forward(self, x):
        x = self.proj(x)
        b, h, w, c = tuple(x.shape)
        return torch.reshape(x, (b, h * w, c))


class MLP(torch.nn.Module):
    def __init__(self, dim: int, hidden: int, *, rngs):
        super().__init__()
        self.fc1 = Linear(dim, hidden, rngs=rngs)
        self.fc2 = Linear(hidden, dim, rngs=rngs)

    def forward(self, x):
        return self.fc2(gelu(self.fc1(x), approximate=False))


class Block(torch.nn.Module):
    def __init__(self, cfg: ViTConfig, *, rngs):
        super().__init__()
        self.norm1 = torch.nn.LayerNorm(cfg.dim, eps=1e-6)
        self.attn = MultiHeadAttention(cfg.heads, cfg.dim, decode=False, rngs=rngs)
        self.norm2 = torch.nn.LayerNorm(cfg.dim, eps=1e-6)
        self.mlp = MLP(cfg.dim, int(cfg.dim * cfg.mlp_ratio), rngs=rngs)

    def forward(self, x, attention_mask=None):
        y = self.norm1(x)
        x = x + self.attn(y, y, y, mask=attention_mask)
        return x + self.mlp(self.norm2(x))


class ViT(torch.nn.Module):
    def __init__(self, cfg: ViTConfig | None = None, *, rngs):
        super().__init__()
        cfg = cfg or ViTConfig()
        self.cfg = cfg
        self.patch = PatchEmbed(cfg, rngs=rngs)
        n = (cfg.image_size // cfg.patch_size) ** 2
        self.cls = torch.nn.Parameter(torch.zeros((1, 1, cfg.dim), dtype=torch.float32))
        self.pos = torch.nn.Parameter(
            torch.randn(
                (1, n + 1, cfg.dim), generator=rngs.params(), dtype=torch.float32
            )
            * 0.02,
        )
        self.blocks = torch.nn.ModuleList(
            [Block(cfg, rngs=rngs) for _ in range(cfg.depth)]
        )
        self.norm = torch.nn.LayerNorm(cfg.dim, eps=1e-06)
        self.head = Linear(cfg.dim, cfg.num_classes, rngs=rngs)

    def forward(self, images):
        x = self.patch(images)
        cls = torch.broadcast_to(self.cls, (x.shape[0], 1, x.shape[-1]))
        x = torch.cat([cls, x], dim=1) + self.pos
        for blk in self.blocks:
            x = blk(x)
        x = self.norm(x)
        return self.head(x[:, 0])


def predict(model: ViT, images):
    logits = model(images)
    return torch.argmax(logits, dim=-1).int(), torch.softmax(logits, dim=-1)
