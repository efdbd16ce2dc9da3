"""A Whisper-style encoder-decoder: a convolutional front end over log-mel frames, a Transformer encoder,
and a decoder with causal self-attention and cross-attention to the encoder output."""

import dataclasses
import math

import numpy as np


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


class Cache(Variable):
    """nnx.Cache: a Variable holding a cache, such as attention's keys and values."""


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


class Embed:
    """nnx.Embed: rows of embedding (num_embeddings, features); attend scores against all rows;
    embedding_init (init(key, shape)) draws the initial rows where given."""

    def __init__(self, num_embeddings, features, embedding_init=None, rngs=None):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        shape = num_embeddings, features
        if embedding_init is None:
            embedding = rng.standard_normal(shape, dtype=np.float32) / np.sqrt(features)
        else:
            embedding = np.asarray(embedding_init(rng, shape), np.float32)
        self.embedding = embedding

    def __call__(self, inputs):
        return np.take(self.embedding, inputs, axis=0)

    def attend(self, query):
        return np.matmul(query, self.embedding.T)


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


class LinearGeneral:
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
        rng = np.random.default_rng() if rngs is None else rngs.params()
        self.in_shape = (in_shape,) if isinstance(in_shape, int) else tuple(in_shape)
        out_shape = (out_shape,) if isinstance(out_shape, int) else tuple(out_shape)
        fan_in, fan_out = math.prod(self.in_shape), math.prod(out_shape)
        kernel = (kernel_init or lecun_normal)(rng, (fan_in, fan_out))
        self.kernel = np.reshape(kernel, (*self.in_shape, *out_shape))
        self.bias = None
        if use_bias:
            bias = (
                np.zeros(fan_out, dtype=np.float32)
                if bias_init is None
                else bias_init(rng, (fan_out,))
            )
            self.bias = np.reshape(bias, out_shape)

    def __call__(self, x):
        # one matmul over the contracted axes flattened (np.tensordot's checks cost more)
        n = len(self.in_shape)
        y = x.reshape(*x.shape[: x.ndim - n], -1) @ self.kernel.reshape(
            math.prod(self.in_shape), -1
        )
        y = y.reshape(*y.shape[:-1], *self.kernel.shape[n:])
        return y if self.bias is None else y + self.bias


def attention_weights(query, key, bias=None, mask=None, scale=None, is_causal=False):
    """softmax(query . key * scale + bias) over the keys, masked where mask is False or 0
    or, with is_causal, above the diagonal: query (batch..., heads, q_length, head_dim),
    key (batch..., heads, kv_length, head_dim), heads first for matmul (BLAS). A masked
    logit becomes the dtype's minimum (not -inf: a row masked everywhere attends
    uniformly, as in JAX)."""
    if scale is None:
        scale = 1.0 / math.sqrt(query.shape[-1])
    logits = query @ np.swapaxes(key, -1, -2) * scale
    if bias is not None:
        logits = logits + bias
    keep = None if mask is None else np.asarray(mask) != 0
    if is_causal:
        causal = np.tri(*logits.shape[-2:], dtype=bool)
        keep = causal if keep is None else keep & causal
    if keep is not None:
        logits = np.where(keep, logits, np.finfo(logits.dtype).min)
    weights = np.exp(logits - np.max(logits, axis=-1, keepdims=True))
    weights /= np.sum(weights, axis=-1, keepdims=True)
    return weights


def dot_product_attention(
    query, key, value, bias=None, mask=None, scale=None, is_causal=False
):
    """jax.nn.dot_product_attention on (batch..., length, heads, head_dim) inputs: see
    attention_weights (scale 1 / sqrt(head_dim) by default). With fewer key/value heads
    than query heads, each serves a run of consecutive query heads."""
    groups = query.shape[-2] // key.shape[-2]
    query, key, value = (np.swapaxes(x, -2, -3) for x in (query, key, value))
    if groups > 1:
        key, value = np.repeat(key, groups, axis=-3), np.repeat(value, groups, axis=-3)
    weights = attention_weights(query, key, bias, mask, scale, is_causal)
    return np.swapaxes(weights @ value, -2, -3)


class MultiHeadAttention:
    """nnx.MultiHeadAttention as in Flax, with dropout on the attention weights, the
    autoregressive cache (decode=True after init_cache) and normalize_qk.

    query, key, value and out are LinearGeneral projections with Flax's names and
    layouts: the query, key and value kernels are (in_features, heads, head_dim), out's
    (heads, head_dim, out_features), every projection has a bias unless use_bias=False;
    normalize_qk adds query_ln and key_ln, LayerNorms without bias over head_dim;
    init_cache adds the cached_key, cached_value and cache_index Caches. inputs_k and inputs_v
    default to inputs_q; mask (True or nonzero where a query may attend to a key)
    broadcasts against (batch..., heads, q_length, kv_length); see
    dot_product_attention. Dropout zeroes attention weights with probability
    dropout_rate (one mask for every batch and head with broadcast_dropout) unless
    deterministic (the call's, else the constructor's), drawing from the rngs' dropout
    stream; the numbers differ from JAX's.

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
            self.query_ln = LayerNorm(self.head_dim, use_bias=False)
            self.key_ln = LayerNorm(self.head_dim, use_bias=False)
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
        self.rng = rngs.dropout() if rngs is not None and dropout_rate > 0.0 else None
        self.cached_key = self.cached_value = self.cache_index = None

    def init_cache(self, input_shape, dtype=np.float32):
        """Zero caches for inputs of input_shape (batch..., max_length, features)."""
        shape = *input_shape[:-1], self.num_kv_heads, self.head_dim
        self.cached_key = Cache(np.zeros(shape, dtype=dtype))
        self.cached_value = Cache(np.zeros(shape, dtype=dtype))
        self.cache_index = Cache(np.asarray(0, dtype=np.int32))

    def __call__(
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
            index = int(self.cache_index.value)
            for cache, new in ((self.cached_key, key), (self.cached_value, value)):
                # a copy: arrays read from the cache before stay as they were
                cache.value = cache.value.copy()
                cache.value[..., index, :, :] = new[..., 0, :, :]
            key, value = self.cached_key.value, self.cached_value.value
            filled = np.arange(key.shape[-3]) <= index
            mask = filled if mask is None else (np.asarray(mask) != 0) & filled
            self.cache_index.value = np.asarray(index + 1, dtype=np.int32)
        if self.dropout_rate > 0.0:
            if deterministic is None:
                deterministic = self.deterministic
            if deterministic is None:
                raise ValueError(
                    "deterministic must be given to MultiHeadAttention or its call when dropout_rate > 0",
                )
            if not deterministic:
                rng = self.rng if rngs is None else rngs.dropout()
                return self.out(
                    self.dropout_attention(query, key, value, mask, is_causal, rng)
                )
        return self.out(
            dot_product_attention(query, key, value, mask=mask, is_causal=is_causal)
        )

    def dropout_attention(self, query, key, value, mask, is_causal, rng):
        """Attention whose softmax weights go through dropout, as Flax's
        dot_product_attention_weights applies it."""
        groups = query.shape[-2] // key.shape[-2]
        query, key, value = (np.swapaxes(x, -2, -3) for x in (query, key, value))
        key, value = np.repeat(key, groups, axis=-3), np.repeat(value, groups, axis=-3)
        weights = attention_weights(query, key, mask=mask, is_causal=is_causal)
        shape = (
            (*((1,) * (weights.ndim - 2)), *weights.shape[-2:])
            if self.broadcast_dropout
            else weights.shape
        )
        kept = rng.random(shape) < 1.0 - self.dropout_rate
        weights = weights * kept / np.float32(1.0 - self.dropout_rate)
        return np.swapaxes(weights @ value, -2, -3)


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


def make_causal_mask(x, extra_batch_dims=0, dtype=np.float32):
    """nnx.make_causal_mask: (1,) * extra_batch_dims + x.shape[:-1] + (1, length, length),
    1 where the query position is at or after the key position; only x's shape is read.
    The result is a read-only broadcast view of one (length, length) matrix."""
    length = np.shape(x)[-1]
    shape = (1,) * extra_batch_dims + tuple(np.shape(x)[:-1]) + (1, length, length)
    return np.broadcast_to(np.tri(length, dtype=dtype), shape)


@dataclasses.dataclass(frozen=True)
class WhisperConfig:
    n_mels: int = 8
    n_audio_ctx: int = 12
    n_text_ctx: int = 10
    vocab_size: int = 32
    d_model: int = 16
    n_heads: int = 2
    n_encoder_layers: int = 2
    n_decoder_layers: int = 2
    mlp_ratio: int = 4
    layer_norm_eps: float = 1e-5

    @property
    def head_dim(self) -> int:
        return self.d_model // self.n_heads


def sinusoids(length: int, channels: int, max_timescale: float = 10000.0):
    """Sinusoidal position embeddings, as Whisper computes them."""
    assert channels % 2 == 0, f"channels must be even, got {channels}"
    log_timescale_increment = math.log(max_timescale) / (channels // 2 - 1)
    inv_timescales = np.exp(
        -log_timescale_increment * np.arange(channels // 2, dtype=np.float32)
    )
    scaled_time = (
        np.arange(length, dtype=np.int32)[:, None].astype(np.float32)
        * inv_timescales[None, :]
    )
    return np.concatenate([np.sin(scaled_time), np.cos(scaled_time)], axis=1)


class MLP:
    def __init__(self, cfg: WhisperConfig, *, rngs):
        hidden = cfg.d_model * cfg.mlp_ratio
        self.fc1 = Linear(cfg.d_model, hidden, rngs=rngs)
        self.fc2 = Linear(hidden, cfg.d_model, rngs=rngs)

    def __call__(self, x):
        return self.fc2(gelu(self.fc1(x), approximate=False))


class ResidualAttentionBlock:
    def __init__(self, cfg: WhisperConfig, *, cross_attention: bool = False, rngs):
        self.attn_ln = LayerNorm(cfg.d_model, epsilon=cfg.layer_norm_eps)
        self.attn = MultiHeadAttention(
            cfg.n_heads, cfg.d_model, decode=False, rngs=rngs
        )
        if cross_attention:
            self.cross_attn_ln = LayerNorm(cfg.d_model, epsilon=cfg.layer_norm_eps)
            self.cross_attn = MultiHeadAttention(
                cfg.n_heads, cfg.d_model, decode=False, rngs=rngs
            )
        else:
            self.cross_attn_ln = None
            self.cross_attn = None
        self.mlp_ln = LayerNorm(cfg.d_model, epsilon=cfg.layer_norm_eps)
        self.mlp = MLP(cfg, rngs=rngs)

    def __call__(self, x, xa=None, attn_mask=None):
        h = self.attn_ln(x)
        x = x + self.attn(h, h, h, mask=attn_mask)
        if self.cross_attn is not None and xa is not None:
            h = self.cross_attn_ln(x)
            x = x + self.cross_attn(h, xa, xa)
        return x + self.mlp(self.mlp_ln(x))


class AudioEncoder:
    def __init__(self, cfg: WhisperConfig, *, rngs):
        self.conv1 = Conv(cfg.n_mels, cfg.d_model, (3,), padding=1, rngs=rngs)
        self.conv2 = Conv(
            cfg.d_model, cfg.d_model, (3,), strides=(2,), padding=1, rngs=rngs
        )
        self.positional_embedding = Variable(sinusoids(cfg.n_audio_ctx, cfg.d_model))
        self.blocks = [
            ResidualAttentionBlock(cfg, rngs=rngs) for _ in range(cfg.n_encoder_layers)
        ]
        self.ln_post = LayerNorm(cfg.d_model, epsilon=cfg.layer_norm_eps)

    def __call__(self, mel):
        """mel: (batch, frames, n_mels), channels last; frames = 2 * n_audio_ctx."""
        x = gelu(self.conv1(mel), approximate=False)
        x = gelu(self.conv2(x), approximate=False)
        x = x + self.positional_embedding.value[: x.shape[1]]
        for block in self.blocks:
            x = block(x)
        return self.ln_post(x)


class TextDecoder:
    def __init__(self, cfg: WhisperConfig, *, rngs):
        self.token_embedding = Embed(cfg.vocab_size, cfg.d_model, rngs=rngs)
        self.positional_embedding = Param(
            rngs.params().standard_normal(
                (cfg.n_text_ctx, cfg.d_model), dtype=np.float32
            )
            * 0.01,
        )
        self.blocks = [
            ResidualAttentionBlock(cfg, cross_attention=True, rngs=rngs)
            for _ in range(cfg.n_decoder_layers)
        ]
        self.ln = LayerNorm(cfg.d_model, epsilon=cfg.layer_norm_eps)

    def __call__(self, tokens, audio_features):
        length = tokens.shape[-1]
        x = self.token_embedding(tokens) + self.positional_embedding.value[:length]
        mask = make_causal_mask(tokens)
        for block in self.blocks:
            x = block(x, audio_features, attn_mask=mask)
        x = self.ln(x)
        return self.token_embedding.attend(x)


class Whisper:
    def __init__(self, cfg: WhisperConfig, *, rngs):
        self.cfg = cfg
        self.encoder = AudioEncoder(cfg, rngs=rngs)
        self.decoder = TextDecoder(cfg, rngs=rngs)

    def __call__(self, mel, tokens):
        return self.decoder(tokens, self.encoder(mel))


def greedy_decode(model: Whisper, mel, start_token: int, steps: int):
    """Greedy decoding: the whole prefix is run again at every step (no cache)."""
    audio = model.encoder(mel)
    tokens = np.full((mel.shape[0], 1), start_token, dtype=np.int32)
    for _ in range(steps):
        logits = model.decoder(tokens, audio)
        next_token = np.argmax(logits[:, -1], axis=-1).astype(np.int32)
        tokens = np.concatenate([tokens, next_token[:, None]], axis=1)
    return tokens
