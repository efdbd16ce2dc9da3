"""Attention with nnx.MultiHeadAttention: a pre-norm causal self-attention block (nnx.make_causal_mask),
cross-attention with grouped key/value heads and a padding mask, and nnx.dot_product_attention."""

import math

import numpy as np
import torch


class Linear(torch.nn.Linear):
    """nnx.Linear as a torch.nn.Linear (weight (out, in)) with Flax's initial values: the
    weight is the transposed (in, out) kernel of kernel_init(key, shape), LeCun-normal
    (truncated) by default, the bias bias_init's, zero by default."""

    def __init__(
        self, in_features, out_features, use_bias=True, kernel_init=None, bias_init=None
    ):
        super().__init__(in_features, out_features, bias=use_bias)
        with torch.no_grad():
            if kernel_init is None:
                std = 1 / math.sqrt(in_features) / 0.87962566103423978
                torch.nn.init.trunc_normal_(self.weight, std=std, a=-2 * std, b=2 * std)
            else:
                self.weight.copy_(kernel_init(None, (in_features, out_features)).T)
            if use_bias and bias_init is None:
                self.bias.zero_()
            elif use_bias:
                self.bias.copy_(bias_init(None, (out_features,)))


class LinearGeneral(torch.nn.Module):
    """nnx.LinearGeneral over the trailing axes, with Flax's names and layouts: x's last
    len(in_shape) axes (an int is one) contracted with kernel (*in_shape, *out_shape),
    plus bias (*out_shape)."""

    def __init__(self, in_shape, out_shape, use_bias=True):
        super().__init__()
        self.in_shape = (in_shape,) if isinstance(in_shape, int) else tuple(in_shape)
        out_shape = (out_shape,) if isinstance(out_shape, int) else tuple(out_shape)
        kernel = torch.randn((*self.in_shape, *out_shape)) / math.sqrt(
            math.prod(self.in_shape)
        )
        self.kernel = torch.nn.Parameter(kernel)
        self.bias = torch.nn.Parameter(torch.zeros(out_shape)) if use_bias else None

    def forward(self, x):
        y = torch.tensordot(x, self.kernel, dims=len(self.in_shape))
        return y if self.bias is None else y + self.bias


def dot_product_attention(
    query, key, value, bias=None, mask=None, scale=None, is_causal=False
):
    """jax.nn.dot_product_attention on (batch..., length, heads, head_dim) inputs.

    logits = query . key * scale (1 / sqrt(head_dim) by default) + bias; where mask is
    False or 0, or above the diagonal with is_causal, a logit becomes the dtype's
    minimum (not -inf: a row masked everywhere attends uniformly, as in JAX); softmax
    over the keys weighs value. With fewer key/value heads than query heads, each
    serves a run of consecutive query heads."""
    heads, kv_heads = query.shape[-2], key.shape[-2]
    if heads != kv_heads:
        key = torch.repeat_interleave(key, heads // kv_heads, dim=-2)
        value = torch.repeat_interleave(value, heads // kv_heads, dim=-2)
    if scale is None:
        scale = 1.0 / math.sqrt(query.shape[-1])
    logits = torch.einsum("...qhd,...khd->...hqk", query, key) * scale
    if bias is not None:
        logits = logits + bias
    keep = None if mask is None else mask != 0
    if is_causal:
        rows, cols = logits.shape[-2:]
        causal = torch.arange(rows)[:, None] >= torch.arange(cols)[None, :]
        keep = causal if keep is None else keep & causal
    if keep is not None:
        logits = torch.where(keep, logits, torch.finfo(logits.dtype).min)
    weights = torch.softmax(logits, dim=-1)
    return torch.einsum("...hqk,...khd->...qhd", weights, value)


class MultiHeadAttention(torch.nn.Module):
    """nnx.MultiHeadAttention as in Flax (decode=False, no dropout, normalize_qk=False).

    query, key, value and out are LinearGeneral projections with Flax's names and
    layouts (not torch.nn.MultiheadAttention's packed in_proj_weight): the query, key
    and value kernels are (in_features, heads, head_dim), out's (heads, head_dim,
    out_features), every projection has a bias unless use_bias=False, so
    load_flax_state copies them as they are. inputs_k and inputs_v default to
    inputs_q; mask (True or nonzero where a query may attend to a key) broadcasts
    against (batch..., heads, q_length, kv_length); see dot_product_attention."""

    def __init__(
        self,
        num_heads,
        in_features,
        qkv_features=None,
        out_features=None,
        num_kv_heads=None,
        in_kv_features=None,
        use_bias=True,
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
        head_dim = qkv_features // num_heads
        self.query = LinearGeneral((in_features,), (num_heads, head_dim), use_bias)
        self.key = LinearGeneral((in_kv_features,), (num_kv_heads, head_dim), use_bias)
        self.value = LinearGeneral(
            (in_kv_features,), (num_kv_heads, head_dim), use_bias
        )
        self.out = LinearGeneral((num_heads, head_dim), (out_features,), use_bias)

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
        # without dropout, deterministic and rngs change nothing
        if decode:
            raise NotImplementedError(
                "decode=True (the autoregressive cache) is not supported"
            )
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
        return self.out(
            dot_product_attention(query, key, value, mask=mask, is_causal=is_causal)
        )


class Rngs:
    """nnx.Rngs: named random streams, each a torch.Generator.

    rngs.params(), rngs.dropout() and rngs() give a stream's generator; a stream the
    constructor did not name draws from the default one. The numbers differ from JAX's."""

    def __init__(self, default=None, **streams):
        if default is not None:
            streams["default"] = default
        self.generators = {}
        for name, seed in streams.items():
            self.generators[name] = torch.Generator().manual_seed(seed)

    def __getattr__(self, name):
        if name.startswith(("_", "is_", "get_")):  # not streams: protocols, type probes
            raise AttributeError(name)
        generators = self.__dict__["generators"]
        generator = generators.get(name, generators.get("default"))
        if generator is None:
            raise AttributeError(
                "no random stream " + repr(name) + " and no default stream"
            )
        return lambda: generator

    def __call__(self):
        return self.default()


def flax_arrays(src, path=()):
    """(path, array) for each Variable of a Flax nnx.Module or nnx.State, found by
    duck typing; random-stream state (Rngs keys and counts) and classes held as
    attributes (LoRA's lora_param_type) are left out."""
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
            arrays.extend(flax_arrays(value, (*path, str(key))))
    return arrays


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
            if isinstance(owner, dict) or key.isdigit():
                owner = owner[key if isinstance(owner, dict) else int(key)]
            else:
                owner = getattr(owner, key)
        if not hasattr(owner, name) and name in renamed:
            if name == "kernel":
                value = np.transpose(value, (-1, -2, *range(value.ndim - 2)))
            name = renamed[name]
        target = getattr(owner, name)
        if tuple(target.shape) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        target.copy_(torch.tensor(value))
    return model


def make_causal_mask(x, extra_batch_dims=0, dtype=torch.float32):
    """nnx.make_causal_mask: (1,) * extra_batch_dims + x.shape[:-1] + (1, length, length),
    1 where the query position is at or after the key position; only x's shape is read."""
    length = x.shape[-1]
    positions = torch.arange(length)
    mask = (positions[:, None] >= positions[None, :]).to(dtype)
    shape = (1,) * extra_batch_dims + tuple(x.shape[:-1]) + (1, length, length)
    return torch.broadcast_to(mask, shape).clone()


class AttentionBlock(torch.nn.Module):
    def __init__(self, dim: int, heads: int, qkv_dim: int, *, rngs):
        super().__init__()
        self.norm = torch.nn.LayerNorm(dim, eps=1e-06)
        self.attn = MultiHeadAttention(heads, dim, qkv_features=qkv_dim)
        self.proj = Linear(dim, dim)

    def forward(self, x):
        mask = make_causal_mask(x[..., 0])
        x = x + self.attn(self.norm(x), mask=mask)
        return x + self.proj(torch.nn.functional.gelu(x, approximate="tanh"))


class CrossAttention(torch.nn.Module):
    """Queries from one sequence, keys and values from another: fewer key/value heads, no biases."""

    def __init__(self, dim: int, context_dim: int, *, rngs):
        super().__init__()
        self.attn = MultiHeadAttention(
            4,
            dim,
            qkv_features=8,
            out_features=3,
            num_kv_heads=2,
            in_kv_features=context_dim,
            use_bias=False,
        )

    def forward(self, x, context):
        keep = torch.sum(context, dim=-1) > 0.0
        return self.attn(x, context, mask=keep[:, None, None, :])


class Model(torch.nn.Module):
    def __init__(self, dim: int, heads: int, context_dim: int, *, rngs):
        super().__init__()
        self.block = AttentionBlock(dim, heads, 2 * dim, rngs=rngs)
        self.cross = CrossAttention(dim, context_dim, rngs=rngs)

    def forward(self, x, context):
        y = self.block(x)
        # one head over the block's output, causal through a boolean mask
        mask = make_causal_mask(x[..., 0], dtype=torch.bool)
        pooled = dot_product_attention(
            y[:, :, None, :], y[:, :, None, :], x[:, :, None, :], mask=mask
        )
        return y, self.cross(y, context), pooled[:, :, 0, :]
