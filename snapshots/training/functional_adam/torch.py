"""A linear regressor trained functionally: optax.adam over a parameter dict,
jax.value_and_grad and optax.apply_updates in a jax.jit train step."""

from collections.abc import Callable
from typing import NamedTuple

import torch


class GradientTransformation(NamedTuple):
    """optax.GradientTransformation: init(params) gives the state; update(updates,
    state, params=None) gives the transformed updates and the next state."""

    init: Callable
    update: Callable


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


def adam(
    learning_rate,
    b1=0.9,
    b2=0.999,
    eps=1e-08,
    eps_root=0.0,
    mu_dtype=None,
    *,
    nesterov=False,
):
    """optax.adam: scale_by_adam, then -learning_rate."""
    return chain(
        scale_by_adam(b1, b2, eps, eps_root, mu_dtype, nesterov),
        scale_by_learning_rate(learning_rate),
    )


def apply_updates(params, updates):
    """optax.apply_updates: each parameter plus its update, in the parameter's dtype."""
    return tree_map(lambda p, u: (p + u).to(p.dtype), params, updates)


def value_and_grad(fun, argnums=0, has_aux=False):
    """jax.value_and_grad: (value, grad), where torch.func.grad_and_value gives (grad, value)."""
    grad_and_value = torch.func.grad_and_value(fun, argnums=argnums, has_aux=has_aux)

    def value_and_grad_fun(*args, **kwargs):
        grads, value = grad_and_value(*args, **kwargs)
        return value, grads

    return value_and_grad_fun


def init_params():
    return {
        "w": torch.zeros((3, 2), dtype=torch.float32),
        "b": torch.zeros(2, dtype=torch.float32),
    }


tx = adam(1e-2, b1=0.8)


def init_state(params):
    return tx.init(params)


def loss_fn(params, x, y):
    pred = x @ params["w"] + params["b"]
    return torch.mean((pred - y) ** 2)


def train_step(params, opt_state, x, y):
    loss, grads = value_and_grad(loss_fn)(params, x, y)
    updates, opt_state = tx.update(grads, opt_state, params)
    params = apply_updates(params, updates)
    return params, opt_state, loss
