"""LoRA fine-tuning: a frozen-style base Linear wrapped in nnx.LoRA, an Einsum head
projection, a LoRALinear readout, custom initializers, and a sown activation statistic."""

import math

import numpy as np
import torch


def einsum_bias_shape(einsum_str, kernel_shape, ndim):
    """The shape nnx.Einsum reshapes its bias to: each output axis the kernel names has that
    kernel axis' size, every other one (an ellipsis' too) is 1."""
    inputs, output = einsum_str.split("->")
    sizes = dict(zip(inputs.split(",")[1], kernel_shape))
    before, _, after = output.partition("...")
    middle = [1] * (ndim - len(before) - len(after))
    return [sizes.get(c, 1) for c in before] + middle + [sizes.get(c, 1) for c in after]


def lecun_normal(key, shape):
    """LeCun normal, Flax's default kernel_init, of a kernel in Flax's layout
    (..., in, out): a normal of standard deviation 1 / sqrt(fan_in), fan_in
    the product of every axis but the last, truncated at two standard deviations (the
    truncation's lost variance restored), drawn from the generator key."""
    std = 1 / math.sqrt(math.prod(shape[:-1])) / 0.87962566103423978
    return torch.nn.init.trunc_normal_(
        torch.empty(shape), std=std, a=-2 * std, b=2 * std, generator=key
    )


class Einsum(torch.nn.Module):
    """nnx.Einsum: einsum(einsum_str, x, kernel) + bias, with kernel (kernel_shape) and bias
    (bias_shape) as in Flax, the bias broadcast over the output axes the kernel does not
    name. The kernel starts LeCun-normal (truncated, fan-in prod(kernel_shape[:-1])), the
    bias zero, unless kernel_init / bias_init (init(key, shape)) are given, drawn from
    rngs."""

    def __init__(
        self,
        einsum_str,
        kernel_shape,
        bias_shape=None,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        key = None if rngs is None else rngs.params()
        self.einsum_str = einsum_str.replace(" ", "")
        kernel = (kernel_init or lecun_normal)(key, tuple(kernel_shape))
        self.kernel = torch.nn.Parameter(kernel)
        self.bias = None
        if bias_shape is not None:
            bias = (
                torch.zeros(bias_shape)
                if bias_init is None
                else bias_init(key, tuple(bias_shape))
            )
            self.bias = torch.nn.Parameter(bias)

    def forward(self, x, einsum_str=None):
        einsum_str = (
            self.einsum_str if einsum_str is None else einsum_str.replace(" ", "")
        )
        y = torch.einsum(einsum_str, x, self.kernel)
        if self.bias is None:
            return y
        shape = einsum_bias_shape(einsum_str, self.kernel.shape, y.ndim)
        return y + self.bias.reshape(shape)


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


class LoRA(torch.nn.Module):
    """nnx.LoRA: x @ lora_a @ lora_b, plus base_module(x) when one is given, with lora_a
    (in, rank) and lora_b (rank, out) as in Flax, starting He-uniform and zero unless
    a_initializer / b_initializer (init(key, shape)) are given, drawn from rngs."""

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
        super().__init__()
        key = None if rngs is None else rngs.params()
        self.base_module = base_module
        if a_initializer is None:
            bound = math.sqrt(6 / in_features)
            lora_a = torch.empty(in_features, lora_rank).uniform_(
                -bound, bound, generator=key
            )
        else:
            lora_a = a_initializer(key, (in_features, lora_rank))
        if b_initializer is None:
            lora_b = torch.zeros(lora_rank, out_features)
        else:
            lora_b = b_initializer(key, (lora_rank, out_features))
        self.lora_a = torch.nn.Parameter(lora_a)
        self.lora_b = torch.nn.Parameter(lora_b)

    def forward(self, x):
        y = x @ self.lora_a @ self.lora_b
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

    def forward(self, x):
        return super().forward(x) + self.lora(x)


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


def truncated_normal(key, lower, upper, shape=None, dtype=torch.float32):
    """jax.random.truncated_normal, drawn as JAX does: sqrt(2) * erfinv(u), u uniform in (erf(lower / sqrt(2)), erf(upper / sqrt(2)))."""
    a = torch.erf(torch.as_tensor(lower, dtype=dtype) / math.sqrt(2))
    b = torch.erf(torch.as_tensor(upper, dtype=dtype) / math.sqrt(2))
    shape = torch.broadcast_shapes(a.shape, b.shape) if shape is None else shape
    u = a + (b - a) * torch.rand(shape, generator=key, dtype=dtype)
    return torch.clamp(math.sqrt(2) * torch.special.erfinv(u), lower, upper)


# the project's initializers, named once
def base_kernel_init(key, shape, dtype=torch.float32):
    return truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * (
        math.sqrt(2.0 / math.prod(shape[:-1])) / 0.87962566103423978
    )


def head_kernel_init(key, shape, dtype=torch.float32):
    return torch.empty(shape, dtype=dtype).uniform_(-1.0, generator=key) * (
        math.sqrt(3.0)
        * math.sqrt(
            1.0 / ((math.prod(shape[:-1]) + math.prod(shape[:-2]) * shape[-1]) / 2)
        )
    )


def small_normal(key, shape, dtype=torch.float32):
    return torch.randn(shape, generator=key, dtype=dtype) * 0.05


def small_truncated(key, shape, dtype=torch.float32):
    return truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * 0.05


class LoraHead(torch.nn.Module):
    def __init__(
        self, features: int, heads: int, head_dim: int, rank: int, n_out: int, *, rngs
    ):
        super().__init__()
        base = Linear(
            features,
            features,
            kernel_init=base_kernel_init,
            bias_init=lambda key, shape, dtype=torch.float32: torch.full(
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
        self.scale = torch.nn.Parameter(torch.ones((n_out,), dtype=torch.float32))
        self.post = torch.nn.ModuleDict(
            {
                "gate": Linear(n_out, n_out, rngs=rngs),
                "shift": Linear(n_out, n_out, use_bias=False, rngs=rngs),
            },
        )

    def forward(self, x):
        h = torch.nn.functional.gelu(self.adapter(x), approximate="tanh")
        sow(self, "hidden_rms", torch.sqrt(torch.mean(h**2)))
        y = self.project(h)
        y = torch.reshape(y, (y.shape[0], y.shape[1], -1))
        out = self.readout(y) * self.scale
        return out * torch.sigmoid(self.post["gate"](out)) + self.post["shift"](out)


def adapter_delta(model: LoraHead, x):
    """What the adapter adds to its base Linear."""
    a = model.adapter
    return x @ a.lora_a[...] @ a.lora_b[...]
