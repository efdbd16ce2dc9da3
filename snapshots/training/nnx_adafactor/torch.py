"""An MLP trained by nnx.Optimizer over optax.adafactor with factored second moments (min_dim_size_to_factor=3, so
both kernels are factored; torch's Linear weights are transposed, which gives the same updates) and momentum."""

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import torch


class GradientTransformation(NamedTuple):
    """optax.GradientTransformation: init(params) gives the state; update(updates,
    state, params=None) gives the transformed updates and the next state."""

    init: Callable
    update: Callable


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


class TransformOptimizer:
    """nnx.Optimizer(model, tx, wrt=nnx.Param) over an optax transform that no
    torch.optim class computes as optax does (optax.lion, MultiSteps, ...): tx is
    its translation, a transform with optax's init(params) and update(updates,
    state, params). The state is tx.init of the model's parameters (a dict
    name -> parameter, as named_parameters() names them); update(model, grads)
    adds tx's updates to the parameters, as optax.apply_updates does, and
    returns them."""

    def __init__(self, model, tx):
        self.tx = tx
        self.step = 0
        with torch.no_grad():
            self.opt_state = tx.init(dict(model.named_parameters()))

    def update(self, model, grads):
        params = dict(model.named_parameters())
        with torch.no_grad():
            updates, self.opt_state = self.tx.update(grads, self.opt_state, params)
            for name, parameter in params.items():
                parameter.add_(updates[name].to(parameter.dtype))
        self.step += 1
        return updates


def tree_map(f, tree, *rest):
    """jax.tree_util.tree_map over dicts, lists, tuples and None."""
    if tree is None:
        return None
    if isinstance(tree, dict):
        return {k: tree_map(f, tree[k], *(r[k] for r in rest)) for k in sorted(tree)}
    if isinstance(tree, (list, tuple)):
        items = [tree_map(f, *xs) for xs in zip(tree, *rest, strict=True)]
        return type(tree)(*items) if hasattr(tree, "_fields") else type(tree)(items)
    return f(tree, *rest)


def add_decayed_weights_transform(weight_decay=0.0, mask=None):
    """optax.add_decayed_weights: each update plus weight_decay (a number, or a
    schedule of the update count) times its parameter, where mask (None: everywhere; a
    pytree of bools like the parameters, or a function of the updates giving one) is
    True. The state is the update count."""

    def update(updates, count, params=None):
        if params is None:
            raise ValueError(
                "add_decayed_weights needs the parameters: update(updates, state, params)",
            )
        decay = weight_decay(count) if callable(weight_decay) else weight_decay
        where = mask(updates) if callable(mask) else mask
        if where is None:
            decayed = tree_map(lambda g, p: g + decay * p, updates, params)
        else:
            decayed = tree_map(
                lambda g, p, m: g + decay * p if m else g, updates, params, where
            )
        return decayed, count + 1

    return GradientTransformation(lambda params: 0, update)


def chain(*transforms):
    """optax.chain: the transforms applied in order; the state is the tuple of theirs."""

    def init(params):
        return tuple(t.init(params) for t in transforms)

    def update(updates, state, params=None):
        new_state = []
        for transform, inner in zip(transforms, state, strict=True):
            updates, inner = transform.update(updates, inner, params)
            new_state.append(inner)
        return updates, tuple(new_state)

    return GradientTransformation(init, update)


def mean_over(x, axis=None, keepdims=False):
    """jnp.mean of x over axis (every axis when None): the sum over the count."""
    if axis is None:
        return torch.sum(x) / math.prod(x.shape)
    total = torch.sum(x, dim=axis, keepdim=True) if keepdims else torch.sum(x, dim=axis)
    return total / x.shape[axis]


def clip_by_block_rms(threshold):
    """optax.clip_by_block_rms: each update divided by its root mean square over
    threshold, where that is above 1."""

    def update(updates, state, params=None):
        return (
            tree_map(
                lambda u: (
                    u / torch.clamp(torch.sqrt(mean_over(u**2)) / threshold, min=1.0)
                ),
                updates,
            ),
            state,
        )

    return GradientTransformation(lambda params: (), update)


def ema(decay):
    """optax.ema without debiasing: the moving average of the updates (the state),
    (1 - decay) times each update plus decay times the average so far."""

    def init(params):
        return tree_map(lambda p: torch.zeros_like(p), params)

    def update(updates, state, params=None):
        average = tree_map(lambda g, t: (1 - decay) * g + decay * t, updates, state)
        return average, average

    return GradientTransformation(init, update)


def scale(step_size):
    """optax.scale: each update times step_size."""

    def update(updates, state, params=None):
        return tree_map(lambda g: step_size * g, updates), state

    return GradientTransformation(lambda params: (), update)


def scale_by_factored_rms(
    factored=True,
    decay_rate=0.8,
    step_offset=0,
    min_dim_size_to_factor=128,
    epsilon=1e-30,
):
    """optax.scale_by_factored_rms (Adafactor's scaling): each update over the root of
    a moving average of its squares plus epsilon, decayed by 1 - (step + 1)**-decay_rate.
    An array with two axes of at least min_dim_size_to_factor keeps that average
    factored: its means over the largest axis (v_row) and over the second largest
    (v_col). The state is the update count, v_row, v_col and the unfactored averages
    (0-d zeros where a parameter has none)."""

    def factored_dims(p):
        shape = tuple(p.shape)
        if not factored or len(shape) < 2:
            return None
        order = sorted(range(len(shape)), key=lambda i: shape[i])
        if shape[order[-2]] < min_dim_size_to_factor:
            return None
        return order[-2], order[-1]

    def placeholder(p):
        return torch.zeros_like(torch.sum(p))

    def init(params):
        def row(p):
            dims = factored_dims(p)
            return (
                placeholder(p)
                if dims is None
                else torch.zeros_like(torch.sum(p, dim=dims[1]))
            )

        def col(p):
            dims = factored_dims(p)
            return (
                placeholder(p)
                if dims is None
                else torch.zeros_like(torch.sum(p, dim=dims[0]))
            )

        def full(p):
            return torch.zeros_like(p) if factored_dims(p) is None else placeholder(p)

        return 0, tree_map(row, params), tree_map(col, params), tree_map(full, params)

    def update(updates, state, params=None):
        if params is None:
            raise ValueError(
                "scale_by_factored_rms needs the parameters: update(updates, state, params)",
            )
        count, v_row, v_col, v = state
        step, exponent = (
            torch.as_tensor(count - step_offset + 1, dtype=torch.float32),
            -decay_rate,
        )
        decay = 1.0 - step**exponent

        def average(old, squares, p):
            return (decay * old + (1.0 - decay) * squares).to(p.dtype)

        def new_row(g, r, p):
            dims = factored_dims(p)
            return (
                r if dims is None else average(r, mean_over(g**2 + epsilon, dims[1]), p)
            )

        def new_col(g, c, p):
            dims = factored_dims(p)
            return (
                c if dims is None else average(c, mean_over(g**2 + epsilon, dims[0]), p)
            )

        def new_full(g, n, p):
            return n if factored_dims(p) is not None else average(n, g**2 + epsilon, p)

        v_row = tree_map(new_row, updates, v_row, params)
        v_col = tree_map(new_col, updates, v_col, params)
        v = tree_map(new_full, updates, v, params)

        def scaled(g, r, c, n, p):
            dims = factored_dims(p)
            if dims is None:
                return g * n**-0.5
            d1, d0 = dims
            row_factor = (
                r / mean_over(r, d1 - 1 if d1 > d0 else d1, keepdims=True)
            ) ** -0.5
            return g * torch.unsqueeze(row_factor, d0) * torch.unsqueeze(c**-0.5, d1)

        return (
            tree_map(scaled, updates, v_row, v_col, v, params),
            (count + 1, v_row, v_col, v),
        )

    return GradientTransformation(init, update)


def scale_by_param_block_rms(min_scale=0.001):
    """optax.scale_by_param_block_rms: each update times its parameter's root mean
    square, at least min_scale."""

    def update(updates, state, params=None):
        if params is None:
            raise ValueError(
                "scale_by_param_block_rms needs the parameters: update(updates, state, params)",
            )
        return (
            tree_map(
                lambda u, p: (
                    u * torch.clamp(torch.sqrt(mean_over(p**2)), min=min_scale)
                ),
                updates,
                params,
            ),
            state,
        )

    return GradientTransformation(lambda params: (), update)


def scale_by_schedule(step_size_fn):
    """optax.scale_by_schedule: each update times step_size_fn(count), the count of
    updates before this one (the state)."""

    def update(updates, count, params=None):
        step_size = torch.as_tensor(step_size_fn(count), dtype=torch.float32)
        return tree_map(lambda g: step_size.to(g.dtype) * g, updates), count + 1

    return GradientTransformation(lambda params: 0, update)


def adafactor(
    learning_rate=None,
    min_dim_size_to_factor=128,
    decay_rate=0.8,
    decay_offset=0,
    multiply_by_parameter_scale=True,
    clipping_threshold=1.0,
    momentum=None,
    weight_decay_rate=None,
    eps=1e-30,
    factored=True,
    weight_decay_mask=None,
):
    """optax.adafactor: scale_by_factored_rms, then (each unless disabled) the block
    rms clipped to clipping_threshold, times learning_rate, times the parameter's rms,
    a moving average with decay momentum, plus the decayed weights; negated."""
    transforms = [
        scale_by_factored_rms(
            factored, decay_rate, decay_offset, min_dim_size_to_factor, eps
        ),
    ]
    if clipping_threshold is not None:
        transforms.append(clip_by_block_rms(clipping_threshold))
    if learning_rate is not None:
        transforms.append(
            scale_by_schedule(learning_rate)
            if callable(learning_rate)
            else scale(learning_rate),
        )
    if multiply_by_parameter_scale:
        transforms.append(scale_by_param_block_rms())
    if momentum is not None:
        transforms.append(ema(momentum))
    if weight_decay_rate is not None:
        transforms.append(
            add_decayed_weights_transform(weight_decay_rate, weight_decay_mask)
        )
    transforms.append(scale(-1))
    return chain(*transforms)


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


def nnx_value_and_grad(fun, argnums=0, has_aux=False):
    """nnx.value_and_grad with torch.autograd: fun's scalar value (and aux) and its
    gradients with respect to the arguments argnums. A module's gradients are a dict
    parameter name -> gradient, as named_parameters() names them (Optimizer.update
    takes them); a tensor's is a tensor. Unused parameters get zeros."""

    def value_and_grad_fun(*args):
        args = list(args)
        nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
        wrt = []
        for n in nums:
            if isinstance(args[n], torch.nn.Module):
                wrt.append(dict(args[n].named_parameters()))
            else:
                args[n] = torch.as_tensor(args[n]).detach().requires_grad_()
                wrt.append(args[n])
        out = fun(*args)
        value = out[0] if has_aux else out
        inputs = [t for w in wrt for t in (w.values() if isinstance(w, dict) else [w])]
        found = torch.autograd.grad(value, inputs, allow_unused=True)
        found = [
            torch.zeros_like(t) if g is None else g
            for t, g in zip(inputs, found, strict=True)
        ]
        grads = []
        for w in wrt:
            if isinstance(w, dict):
                grads.append({name: found.pop(0) for name in w})
            else:
                grads.append(found.pop(0))
        value = value.detach()
        out = (value, out[1]) if has_aux else value
        return out, grads[0] if isinstance(argnums, int) else tuple(grads)

    return value_and_grad_fun


class MLP(torch.nn.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        super().__init__()
        self.fc1 = Linear(din, dhidden, rngs=rngs)
        self.fc2 = Linear(dhidden, dout, rngs=rngs)

    def forward(self, x):
        return self.fc2(torch.tanh(self.fc1(x)))


def make_optimizer(model):
    tx = adafactor(0.05, min_dim_size_to_factor=3, momentum=0.9, weight_decay_rate=0.01)
    return TransformOptimizer(model, tx)


def loss_fn(model, x, y):
    return torch.mean((model(x) - y) ** 2)


def train_step(model, optimizer, x, y):
    loss, grads = nnx_value_and_grad(loss_fn)(model, x, y)
    optimizer.update(model, grads)
    return loss
