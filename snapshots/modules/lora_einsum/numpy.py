"""LoRA fine-tuning: a frozen-style base Linear wrapped in nnx.LoRA, an Einsum head
projection, a LoRALinear readout, custom initializers, and a sown activation statistic."""

import math

import numpy as np


def einsum_bias_shape(einsum_str, kernel_shape, ndim):
    """The shape nnx.Einsum reshapes its bias to: each output axis the kernel names has that
    kernel axis' size, every other one (an ellipsis' too) is 1."""
    inputs, output = einsum_str.split("->")
    sizes = dict(zip(inputs.split(",")[1], kernel_shape))
    before, _, after = output.partition("...")
    middle = [1] * (ndim - len(before) - len(after))
    return [sizes.get(c, 1) for c in before] + middle + [sizes.get(c, 1) for c in after]


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


class Einsum:
    """nnx.Einsum: einsum(einsum_str, x, kernel) + bias, with kernel (kernel_shape) and bias
    (bias_shape) as in Flax, the bias broadcast over the output axes the kernel does not
    name. The kernel starts LeCun-normal (truncated, fan-in prod(kernel_shape[:-1])), the
    bias zero, unless kernel_init / bias_init (init(key, shape)) are given."""

    def __init__(
        self,
        einsum_str,
        kernel_shape,
        bias_shape=None,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        self.einsum_str = einsum_str.replace(" ", "")
        self.kernel = (kernel_init or lecun_normal)(rng, tuple(kernel_shape))
        self.bias = None
        if bias_shape is not None:
            self.bias = (
                np.zeros(bias_shape, dtype=np.float32)
                if bias_init is None
                else bias_init(rng, tuple(bias_shape))
            )

    def __call__(self, x, einsum_str=None):
        einsum_str = (
            self.einsum_str if einsum_str is None else einsum_str.replace(" ", "")
        )
        y = np.einsum(einsum_str, x, self.kernel, optimize=True)
        if self.bias is None:
            return y
        shape = einsum_bias_shape(einsum_str, self.kernel.shape, y.ndim)
        return y + np.reshape(self.bias, shape)


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


class LoRA:
    """nnx.LoRA: x @ lora_a @ lora_b, plus base_module(x) when one is given, with lora_a
    (in, rank) and lora_b (rank, out) as in Flax, starting He-uniform and zero unless
    a_initializer / b_initializer (init(key, shape)) are given."""

    def __init__(
        self,
        in_features,
        lora_rank,
        out_features,
        base_module=None,
        a_initializer=None,
        b_initializer=None,
        rngs=None,
    ):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        self.base_module = base_module
        if a_initializer is None:
            bound = math.sqrt(6 / in_features)
            lora_a = rng.uniform(-bound, bound, (in_features, lora_rank))
            self.lora_a = lora_a.astype(np.float32)
        else:
            self.lora_a = a_initializer(rng, (in_features, lora_rank))
        if b_initializer is None:
            self.lora_b = np.zeros((lora_rank, out_features), dtype=np.float32)
        else:
            self.lora_b = b_initializer(rng, (lora_rank, out_features))

    def __call__(self, x):
        y = np.matmul(np.matmul(x, self.lora_a), self.lora_b)
        return y if self.base_module is None else y + self.base_module(x)


class LoRALinear(Linear):
    """nnx.LoRALinear: a Linear plus its lora, a LoRA (lora.lora_a, lora.lora_b) of the same
    input, as in Flax."""

    def __init__(
        self,
        in_features,
        out_features,
        lora_rank,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        a_initializer=None,
        b_initializer=None,
        rngs=None,
    ):
        super().__init__(
            in_features, out_features, use_bias, kernel_init, bias_init, rngs
        )
        self.lora = LoRA(
            in_features,
            lora_rank,
            out_features,
            a_initializer=a_initializer,
            b_initializer=b_initializer,
            rngs=rngs,
        )

    def __call__(self, x):
        return super().__call__(x) + self.lora(x)


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


def sigmoid(x):
    """The logistic function."""
    return 1 / (1 + np.exp(-x))


def sow(module, name, value, reduce_fn=None, init_fn=None):
    """Module.sow outside nnx.capture: module.<name> becomes reduce_fn(its value, value), the
    first time reduce_fn(init_fn(), value); by default a tuple of every value sown. A graph
    tensor (a TensorFlow trace's, Keras's first symbolic call) is not kept: it would
    outlive its graph."""
    if hasattr(value, "graph"):
        return False
    if hasattr(module, name):
        previous = getattr(module, name)
    else:
        previous = () if init_fn is None else init_fn()
    setattr(
        module,
        name,
        (*previous, value) if reduce_fn is None else reduce_fn(previous, value),
    )
    return True


# the project's initializers, named once
def base_kernel_init(key, shape, dtype=np.float32):
    return truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * (
        math.sqrt(2.0 / math.prod(shape[:-1])) / 0.87962566103423978
    )


def head_kernel_init(key, shape, dtype=np.float32):
    return key.uniform(-1.0, 1.0, shape).astype(dtype) * (
        math.sqrt(3.0)
        * math.sqrt(
            1.0 / ((math.prod(shape[:-1]) + math.prod(shape[:-2]) * shape[-1]) / 2)
        )
    )


def small_normal(key, shape, dtype=np.float32):
    return key.standard_normal(shape, dtype=dtype) * 0.05


def small_truncated(key, shape, dtype=np.float32):
    return truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * 0.05


class LoraHead:
    def __init__(
        self, features: int, heads: int, head_dim: int, rank: int, n_out: int, *, rngs
    ):
        base = Linear(
            features,
            features,
            kernel_init=base_kernel_init,
            bias_init=lambda key, shape, dtype=np.float32: np.full(
                shape, 0.1, dtype=dtype
            ),
            rngs=rngs,
        )
        # b starts at zero in Flax, which hides the adapter: start it small instead
        self.adapter = LoRA(
            features,
            rank,
            features,
            base_module=base,
            b_initializer=small_normal,
            rngs=rngs,
        )
        self.project = Einsum(
            "...d,dhk->...hk",
            (features, heads, head_dim),
            bias_shape=(heads, head_dim),
            kernel_init=head_kernel_init,
            rngs=rngs,
        )
        self.readout = LoRALinear(
            heads * head_dim, n_out, rank, b_initializer=small_truncated, rngs=rngs
        )
        self.scale = Param(np.ones((n_out,), dtype=np.float32))
        self.post = {
            "gate": Linear(n_out, n_out, rngs=rngs),
            "shift": Linear(n_out, n_out, use_bias=False, rngs=rngs),
        }

    def __call__(self, x):
        h = gelu(self.adapter(x))
        sow(self, "hidden_rms", np.sqrt(np.mean(h**2)))
        y = self.project(h)
        y = np.reshape(y, (y.shape[0], y.shape[1], -1))
        out = self.readout(y) * self.scale.value
        return out * sigmoid(self.post["gate"](out)) + self.post["shift"](out)


def adapter_delta(model: LoraHead, x):
    """What the adapter adds to its base Linear."""
    a = model.adapter
    return x @ a.lora_a[...] @ a.lora_b[...]
