"""Flax's model.eval() / model.train() in the source: eval() makes every Dropout
deterministic and every BatchNorm use its running averages, train() the reverse,
layers built with an explicit deterministic= / use_running_average= and a user
Module's own `deterministic` included; a call's own argument still wins."""

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


class Dropout(torch.nn.Module):
    """nnx.Dropout: zeroes each input with probability rate and scales the rest by
    1 / (1 - rate), unless deterministic (here or per call). model.eval() and
    model.train() set deterministic, as Flax's do."""

    def __init__(self, rate, deterministic=False, rngs=None):
        super().__init__()
        self.rate = rate
        self.deterministic = deterministic
        self.generator = None if rngs is None else rngs.dropout()

    def train(self, mode=True):
        self.deterministic = not mode
        return super().train(mode)

    def forward(self, x, deterministic=None, rngs=None):
        if deterministic is None:
            deterministic = self.deterministic
        if deterministic or self.rate == 0.0:
            return x
        if self.rate == 1.0:
            return torch.zeros_like(x)
        generator = self.generator if rngs is None else rngs.dropout()
        keep = torch.rand(x.shape, generator=generator) >= self.rate
        return torch.where(keep, x / (1.0 - self.rate), torch.zeros_like(x))


def lecun_normal(key, shape):
    """LeCun normal, Flax's default kernel_init, of a kernel in Flax's layout
    (..., in, out): a normal of standard deviation 1 / sqrt(fan_in), fan_in
    the product of every axis but the last, truncated at two standard deviations (the
    truncation's lost variance restored), drawn from the generator key."""
    std = 1 / math.sqrt(math.prod(shape[:-1])) / 0.87962566103423978
    return torch.nn.init.trunc_normal_(
        torch.empty(shape), std=std, a=-2 * std, b=2 * std, generator=key
    )


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


class Head(torch.nn.Module):
    """A user Module holding Flax's mode attribute: eval() and train() set it too."""

    def __init__(self, features: int, classes: int, *, rngs):
        super().__init__()
        self.linear = Linear(features, classes, rngs=rngs)
        self.deterministic = True

    def forward(self, x):
        y = self.linear(x)
        return y if self.deterministic else y + 1.0

    def train(self, mode=True):
        """Sets deterministic, as Flax's model.train() and model.eval() do."""
        self.deterministic = not mode
        return super().train(mode)


class Classifier(torch.nn.Module):
    def __init__(self, features: int, hidden: int, classes: int, *, rngs):
        super().__init__()
        self.linear = Linear(features, hidden, use_bias=False, rngs=rngs)
        self.norm = BatchNorm(hidden, momentum=0.9)
        self.frozen = BatchNorm(hidden, use_running_average=True)
        self.dropout = Dropout(0.5, deterministic=True, rngs=rngs)
        self.head = Head(hidden, classes, rngs=rngs)

    def forward(self, x, deterministic=None):
        h = torch.nn.functional.threshold(self.norm(self.linear(x)), 0, 0)
        return self.head(self.dropout(self.frozen(h), deterministic=deterministic))


def predict(model, x):
    model.eval()
    return model(x)


def train_forward(model, x):
    """Training mode with this call's dropout off: batch statistics in both BatchNorms."""
    model.train()
    return model(x, deterministic=True)


def dropout_range(model: Classifier, x):
    """After train(), the Dropout built deterministic drops ones to 0 or 2; after eval(),
    it keeps them, unless the call says deterministic=False."""
    model.train()
    dropped = model.dropout(torch.ones_like(x))
    model.eval()
    kept = model.dropout(torch.ones_like(x))
    forced = model.dropout(torch.ones_like(x), deterministic=False)
    return (
        torch.amin(dropped),
        torch.amax(dropped),
        kept,
        torch.amin(forced),
        torch.amax(forced),
    )


def predict_after_training(model, x):
    model.train()
    model(x, deterministic=True)
    model.eval()
    return model(x)
