"""Gradient accumulation with nnx.Optimizer: MultiSteps over adamw whose weight decay is masked to the kernels
(every_k_schedule=2: the model changes every second step), a learning-rate schedule inside."""

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


class MultiSteps:
    """optax.MultiSteps: the updates accumulated (averaged with use_grad_mean, else
    summed) over every_k_schedule mini-steps (a number, or a function of the count of
    updates opt took), then one update of opt with them; zero updates in between."""

    def __init__(self, opt, every_k_schedule=1, use_grad_mean=True):
        self.opt = opt
        self.every_k_schedule = every_k_schedule
        self.use_grad_mean = use_grad_mean

    def init(self, params):
        """The mini-step, the gradient step, opt's state and the accumulated updates."""
        return (
            0,
            0,
            self.opt.init(params),
            tree_map(lambda p: torch.zeros_like(p), params),
        )

    def update(self, updates, state, params=None):
        mini_step, gradient_step, inner_state, accumulated = state
        k = self.every_k_schedule
        k = int(k(gradient_step)) if callable(k) else k
        if self.use_grad_mean:
            accumulated = tree_map(
                lambda g, a: a + (g - a) / (mini_step + 1), updates, accumulated
            )
        else:
            accumulated = tree_map(lambda g, a: g + a, updates, accumulated)
        if mini_step < k - 1:
            zeros = tree_map(lambda p: torch.zeros_like(p), updates)
            return zeros, (mini_step + 1, gradient_step, inner_state, accumulated)
        updates, inner_state = self.opt.update(accumulated, inner_state, params)
        return (
            updates,
            (
                0,
                gradient_step + 1,
                inner_state,
                tree_map(lambda p: torch.zeros_like(p), accumulated),
            ),
        )


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


def bias_corrected_moment(mu, updates, b1, count, nesterov=False):
    """optax's bias-corrected first moment after count updates: mu / (1 - b1**count);
    with nesterov, b1 times it a step ahead plus (1 - b1) times the corrected update."""
    correction = 1 - b1**count
    if not nesterov:
        return tree_map(lambda m: m / correction, mu)
    ahead = 1 - b1 ** (count + 1)
    return tree_map(
        lambda m, g: b1 * (m / ahead) + (1 - b1) * (g / correction), mu, updates
    )


def cast_tree(tree, dtype):
    """optax.tree.cast: each leaf cast to dtype; the tree itself when dtype is None."""
    if dtype is None:
        return tree
    return tree_map(lambda t: t.to(dtype), tree)


def weak(number, dtype):
    """A Python number as JAX makes it where it meets an array of dtype (its weak type):
    a number of dtype; the number itself when dtype is None (the parameters')."""
    return (
        number
        if dtype is None
        else torch.as_tensor(number, dtype=torch.float32).to(dtype)
    )


def scale_by_adam(
    b1=0.9, b2=0.999, eps=1e-08, eps_root=0.0, mu_dtype=None, nesterov=False
):
    """optax.scale_by_adam: the bias-corrected first moment over the square root of
    the bias-corrected second one (plus eps_root), plus eps. The state is the update
    count and both moments, the first kept in mu_dtype (None: the parameters')."""

    def init(params):
        return (
            0,
            cast_tree(tree_map(lambda p: torch.zeros_like(p), params), mu_dtype),
            tree_map(lambda p: torch.zeros_like(p), params),
        )

    def update(updates, state, params=None):
        count, mu, nu = state
        mu = tree_map(lambda g, m: (1 - b1) * g + weak(b1, mu_dtype) * m, updates, mu)
        nu = tree_map(lambda g, n: (1 - b2) * g**2 + b2 * n, updates, nu)
        count += 1
        mu_hat = bias_corrected_moment(mu, updates, b1, count, nesterov)
        nu_correction = 1 - b2**count

        def scaled(m, n):
            return m / (torch.sqrt(n / nu_correction + eps_root) + eps)

        return tree_map(scaled, mu_hat, nu), (count, cast_tree(mu, mu_dtype), nu)

    return GradientTransformation(init, update)


def scale(step_size):
    """optax.scale: each update times step_size."""

    def update(updates, state, params=None):
        return tree_map(lambda g: step_size * g, updates), state

    return GradientTransformation(lambda params: (), update)


def scale_by_schedule(step_size_fn):
    """optax.scale_by_schedule: each update times step_size_fn(count), the count of
    updates before this one (the state)."""

    def update(updates, count, params=None):
        step_size = torch.as_tensor(step_size_fn(count), dtype=torch.float32)
        return tree_map(lambda g: step_size.to(g.dtype) * g, updates), count + 1

    return GradientTransformation(lambda params: 0, update)


def scale_by_learning_rate(learning_rate):
    """optax.scale_by_learning_rate: each update times -learning_rate (a number, or a
    schedule of the update count)."""
    if callable(learning_rate):
        return scale_by_schedule(lambda count: -learning_rate(count))
    return scale(-learning_rate)


def adamw(
    learning_rate,
    b1=0.9,
    b2=0.999,
    eps=1e-08,
    eps_root=0.0,
    mu_dtype=None,
    weight_decay=0.0001,
    mask=None,
    *,
    nesterov=False,
):
    """optax.adamw: scale_by_adam, plus the decayed weights where mask is True, then
    -learning_rate."""
    return chain(
        scale_by_adam(b1, b2, eps, eps_root, mu_dtype, nesterov),
        add_decayed_weights_transform(weight_decay, mask),
        scale_by_learning_rate(learning_rate),
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


def polynomial_schedule(
    init_value, end_value, power, transition_steps, transition_begin=0
):
    """optax.polynomial_schedule: from init_value to end_value in transition_steps
    updates after the first transition_begin, as a function of the update count."""
    if transition_steps <= 0:
        return lambda count: init_value
    transition_begin = max(transition_begin, 0)

    def schedule(count):
        count = torch.clamp(
            torch.clamp(
                torch.as_tensor(count, dtype=torch.float32) - transition_begin,
                max=transition_steps,
            ),
            min=0.0,
        )
        frac = 1 - count / transition_steps
        return (init_value - end_value) * frac**power + end_value

    return schedule


class MLP(torch.nn.Module):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs):
        super().__init__()
        self.fc1 = Linear(din, dhidden, rngs=rngs)
        self.fc2 = Linear(dhidden, dout, rngs=rngs)

    def forward(self, x):
        return self.fc2(torch.nn.functional.threshold(self.fc1(x), 0, 0))


def kernels(params):
    return tree_map(lambda p: p.ndim > 1, params)


def make_optimizer(model):
    schedule = polynomial_schedule(1e-2, 1e-3, 1, 4)
    tx = MultiSteps(adamw(schedule, weight_decay=0.1, mask=kernels), every_k_schedule=2)
    return TransformOptimizer(model, tx)


def loss_fn(model, x, y):
    return torch.mean((model(x) - y) ** 2)


def train_step(model, optimizer, x, y):
    loss, grads = nnx_value_and_grad(loss_fn)(model, x, y)
    optimizer.update(model, grads)
    return loss
