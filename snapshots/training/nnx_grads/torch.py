"""nnx.grad and nnx.value_and_grad: of arrays, with argnums, has_aux and
nnx.DiffState, and of a module's parameters."""

import numpy as np
import torch


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


def nnx_grad(fun, argnums=0, has_aux=False):
    """nnx.grad: the gradients nnx_value_and_grad gives (and aux)."""
    value_and_grad_fun = nnx_value_and_grad(fun, argnums=argnums, has_aux=has_aux)

    def grad_fun(*args):
        out, grads = value_and_grad_fun(*args)
        return (grads, out[1]) if has_aux else grads

    return grad_fun


class Scale(torch.nn.Module):
    def __init__(self, n: int):
        super().__init__()
        self.w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, n, dtype=torch.float32))
        self.b = torch.nn.Parameter(torch.zeros((n,), dtype=torch.float32))

    def forward(self, x):
        return x * self.w + self.b


def value_and_grad_of_array(x):
    return nnx_value_and_grad(lambda a: torch.sum(torch.sin(a)))(x)


def value_and_grad_of_two(x, y):
    return nnx_value_and_grad(lambda a, b: torch.mean((a - b) ** 2), argnums=(0, 1))(
        x, y
    )


def grad_with_aux(x, y):
    def f(a, b):
        return torch.sum(torch.tanh(a) * b), a * 2.0

    return nnx_grad(f, argnums=1, has_aux=True)(x, y)


def loss_fn(model: Scale, x):
    return torch.sum(model(x) ** 2), torch.amax(x)


def module_value_and_grad(model: Scale, x):
    (loss, top), grads = nnx_value_and_grad(loss_fn, has_aux=True)(model, x)
    return loss, top, grads


def module_grad(model: Scale, x):
    grads, _ = nnx_grad(loss_fn, has_aux=True)(model, x)
    return grads
