"""A two-layer MLP (a list of parameter dicts) trained functionally inside jax.jit:
optax.chain(clip_by_global_norm, sgd with momentum and an exponential_decay
learning rate), jax.value_and_grad and optax.apply_updates."""

from collections.abc import Callable
from typing import NamedTuple

import tensorflow as tf
import tensorflow.experimental.numpy as tnp


class GradientTransformation(NamedTuple):
    """optax.GradientTransformation: init(params) gives the state; update(updates,
    state, params=None) gives the transformed updates and the next state."""

    init: Callable
    update: Callable


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


def apply_updates(params, updates):
    """optax.apply_updates: each parameter plus its update, in the parameter's dtype."""
    return tree_map(lambda p, u: tf.cast(p + u, p.dtype), params, updates)


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


def tree_leaves(tree):
    """jax.tree_util.tree_leaves: dict values in sorted-key order, None skipped."""
    if tree is None:
        return []
    if isinstance(tree, dict):
        return [leaf for k in sorted(tree) for leaf in tree_leaves(tree[k])]
    if isinstance(tree, (list, tuple)):
        return [leaf for item in tree for leaf in tree_leaves(item)]
    return [tree]


def global_norm(tree):
    """optax.global_norm: the L2 norm of all the tree's leaves together."""
    return tf.sqrt(
        tf.cast(sum(tf.reduce_sum(leaf**2) for leaf in tree_leaves(tree)), tf.float32)
    )


def clip_by_global_norm_transform(max_norm):
    """optax.clip_by_global_norm: the updates scaled by max_norm / their global norm
    when that norm is not below max_norm."""

    def update(updates, state, params=None):
        norm = global_norm(updates)
        clipped = tree_map(
            lambda t: tf.where(
                norm < max_norm, t, t / tf.cast(norm, t.dtype) * max_norm
            ),
            updates,
        )
        return clipped, state

    return GradientTransformation(lambda params: (), update)


def exponential_decay(
    init_value,
    transition_steps,
    decay_rate,
    transition_begin=0,
    staircase=False,
    end_value=None,
):
    """optax.exponential_decay: init_value * decay_rate ** (count / transition_steps)
    after transition_begin, bounded by end_value, as a function of the update count."""
    if transition_steps <= 0 or decay_rate == 0:
        return lambda count: init_value
    transition_begin = max(transition_begin, 0)

    def schedule(count):
        decreased_count = tf.cast(count, tf.float32) - transition_begin
        p = decreased_count / transition_steps
        if staircase:
            p = tf.floor(p)
        value = tf.where(decreased_count <= 0, init_value, init_value * decay_rate**p)
        if end_value is None:
            return value
        if decay_rate < 1.0:
            return tf.maximum(value, end_value)
        return tf.minimum(value, end_value)

    return schedule


def scale(step_size):
    """optax.scale: each update times step_size."""

    def update(updates, state, params=None):
        return tree_map(lambda g: step_size * g, updates), state

    return GradientTransformation(lambda params: (), update)


def scale_by_schedule(step_size_fn):
    """optax.scale_by_schedule: each update times step_size_fn(count), the count of
    updates before this one (the state)."""

    def update(updates, count, params=None):
        step_size = tf.cast(step_size_fn(count), tf.float32)
        return tree_map(lambda g: tf.cast(step_size, g.dtype) * g, updates), count + 1

    return GradientTransformation(lambda params: 0, update)


def scale_by_learning_rate(learning_rate):
    """optax.scale_by_learning_rate: each update times -learning_rate (a number, or a
    schedule of the update count)."""
    if callable(learning_rate):
        return scale_by_schedule(lambda count: -learning_rate(count))
    return scale(-learning_rate)


def trace(decay, nesterov=False):
    """optax.trace: each update plus decay times the trace of the past ones (the
    state); with nesterov, the update plus decay times the new trace."""

    def init(params):
        return tree_map(lambda p: tf.zeros_like(p), params)

    def update(updates, state, params=None):
        new_trace = tree_map(lambda g, t: g + decay * t, updates, state)
        if nesterov:
            return tree_map(lambda g, t: g + decay * t, updates, new_trace), new_trace
        return new_trace, new_trace

    return GradientTransformation(init, update)


def sgd(learning_rate, momentum=None, nesterov=False):
    """optax.sgd: a trace of the updates with decay momentum (none without it),
    scaled by -learning_rate."""
    if momentum is None:
        return chain(scale_by_learning_rate(learning_rate))
    return chain(trace(momentum, nesterov), scale_by_learning_rate(learning_rate))


def value_and_grad(fun, argnums=0, has_aux=False):
    """jax.value_and_grad with tf.GradientTape: fun's scalar value (and aux) and its
    gradients with respect to the arguments argnums; unconnected ones are zeros."""

    def value_and_grad_fun(*args):
        args = list(args)
        nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
        with tf.GradientTape() as tape:
            for n in nums:
                args[n] = tf.nest.map_structure(tf.convert_to_tensor, args[n])
                tape.watch(args[n])
            out = fun(*args)
        value = out[0] if has_aux else out
        grads = tape.gradient(
            value,
            [args[n] for n in nums],
            unconnected_gradients=tf.UnconnectedGradients.ZERO,
        )
        grads = grads[0] if isinstance(argnums, int) else tuple(grads)
        return out, grads

    return value_and_grad_fun


def init_params():
    return [
        {
            "w": tf.reshape(
                tf.cast(
                    tf.linspace(
                        tf.cast(-0.5, tf.float32), tf.cast(0.5, tf.float32), 12
                    ),
                    tf.float32,
                ),
                (3, 4),
            ),
            "b": tf.zeros(4, dtype=tf.float32),
        },
        {
            "w": tf.reshape(
                tf.cast(
                    tf.linspace(tf.cast(0.3, tf.float32), tf.cast(-0.3, tf.float32), 8),
                    tf.float32,
                ),
                (4, 2),
            ),
            "b": tf.fill(2, tf.constant(0.1, dtype=tf.float32)),
        },
    ]


schedule = exponential_decay(0.1, 2, 0.5)
tx = chain(clip_by_global_norm_transform(1.0), sgd(schedule, momentum=0.9))


def init_state(params):
    return tx.init(params)


def predict(params, x):
    hidden = tf.tanh(tnp.matmul(x, params[0]["w"]) + params[0]["b"])
    return tnp.matmul(hidden, params[1]["w"]) + params[1]["b"]


def loss_fn(params, x, y):
    return tf.reduce_mean((predict(params, x) - y) ** 2)


def train_step(params, opt_state, x, y):
    loss, grads = value_and_grad(loss_fn)(params, x, y)
    updates, opt_state = tx.update(grads, opt_state, params)
    params = apply_updates(params, updates)
    return params, opt_state, loss
