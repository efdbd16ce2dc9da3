"""Loops and branches with jax.lax: scan, fori_loop, while_loop, cond and switch."""

import tensorflow as tf
import tensorflow.experimental.numpy as tnp


def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = tf.convert_to_tensor(obj)
    if dtype is not None:
        return tf.cast(x, dtype)
    if x.dtype == tf.float64:
        return tf.cast(x, tf.float32)
    if x.dtype == tf.int64:
        return tf.cast(x, tf.int32)
    return x


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


def fori_loop(lower, upper, body_fun, init_val):
    """jax.lax.fori_loop, run eagerly: the index i is a Python int."""
    val = tree_map(asarray, init_val)
    for i in range(lower, upper):
        val = body_fun(i, val)
    return val


def getitem(x, index):
    """x[index] with NumPy indexing, integer-array indices included (as in JAX)."""
    items = list(index) if isinstance(index, tuple) else [index]
    simple = int, slice, type(None), type(Ellipsis)
    if all(isinstance(item, simple) for item in items):
        return x[index]
    ellipsis = [n for n, item in enumerate(items) if item is Ellipsis]
    if ellipsis:
        used = sum(item is not None for item in items) - 1
        at = ellipsis[0]
        items[at : at + 1] = [slice(None)] * (len(x.shape) - used)
    # Slice first, with a full slice where an array or integer indexes an axis.
    basic, axes, arrays = [], [], []
    for item in items:
        if item is None or isinstance(item, slice):
            basic.append(item)
        else:
            basic.append(slice(None))
            axes.append(len(basic) - 1)
            arrays.append(tf.cast(item, tf.int32))
    sliced = x[tuple(basic)]
    size = tf.shape(sliced)
    arrays = [tf.where(a < 0, a + size[axis], a) for a, axis in zip(arrays, axes)]
    shape = tf.shape(arrays[0])
    for a in arrays[1:]:
        shape = tf.broadcast_dynamic_shape(shape, tf.shape(a))
    indices = tf.stack([tf.broadcast_to(a, shape) for a in arrays], axis=-1)
    # Gather the indexed axes, moved to the front; the broadcast index shape leads.
    rest = [axis for axis in range(len(sliced.shape)) if axis not in axes]
    out = tf.gather_nd(tf.transpose(sliced, axes + rest), indices)
    if axes != list(range(axes[0], axes[0] + len(axes))) or axes[0] == 0:
        return out
    # Adjacent indexed axes: their result axes stay where they were.
    lead = len(out.shape) - len(rest)
    order = list(range(lead, len(out.shape)))
    return tf.transpose(out, order[: axes[0]] + list(range(lead)) + order[axes[0] :])


def tree_leaves(tree):
    """jax.tree_util.tree_leaves: dict values in sorted-key order, None skipped."""
    if tree is None:
        return []
    if isinstance(tree, dict):
        return [leaf for k in sorted(tree) for leaf in tree_leaves(tree[k])]
    if isinstance(tree, (list, tuple)):
        return [leaf for item in tree for leaf in tree_leaves(item)]
    return [tree]


def scan(f, init, xs=None, length=None, reverse=False):
    """jax.lax.scan, run eagerly: the ys stacked on a new leading axis, in xs order."""
    leaves = tree_leaves(xs)
    n = leaves[0].shape[0] if leaves else length
    carry, ys = tree_map(asarray, init), [None] * n
    if n == 0:
        _, y = f(carry, tree_map(lambda a: tf.zeros(a.shape[1:], dtype=a.dtype), xs))
        return carry, tree_map(lambda a: a[None][:0], y)
    for k in range(n - 1, -1, -1) if reverse else range(n):
        carry, ys[k] = f(carry, tree_map(lambda a, k=k: a[k], xs))
    return carry, tree_map(lambda *y: tf.stack(y), *ys)


def switch(index, branches, *operands):
    """jax.lax.switch: the branch at index, clamped into range, applied to the operands."""
    return branches[min(max(int(index), 0), len(branches) - 1)](*operands)


def while_loop(cond_fun, body_fun, init_val):
    """jax.lax.while_loop, run eagerly."""
    val = tree_map(asarray, init_val)
    while cond_fun(val):
        val = body_fun(val)
    return val


def cumulative_sum(xs):
    def step(total, x):
        total = total + x
        return total, total

    _, sums = scan(step, tf.zeros_like(xs[0]), xs)
    return sums


def discounted_returns(rewards, gamma: float = 0.9):
    def step(future, r):
        ret = r + gamma * future
        return ret, ret

    _, returns = scan(step, tf.zeros_like(rewards[0]), rewards, reverse=True)
    return returns


def power_iteration(m, v, num_steps: int = 20):
    a = tnp.matmul(m, tf.transpose(m))

    def body(i, v):
        w = tnp.matmul(a, v)
        return w / tf.norm(w)

    v = fori_loop(0, num_steps, body, v)
    return v, tf.reduce_sum(v * tnp.matmul(a, v))


def rnn(w_h, w_x, xs, h0):
    def body(t, h):
        return tf.tanh(tnp.matmul(h, w_h) + tnp.matmul(getitem(xs, t), w_x))

    return fori_loop(0, xs.shape[0], body, h0)


def count_halvings(x, tol: float = 0.1):
    def big(carry):
        _, y = carry
        return tf.reduce_max(tf.abs(y)) > tol

    def halve(carry):
        n, y = carry
        return n + 1, y * 0.5

    return while_loop(big, halve, (0, x))


def clipped_update(params, grads, lr: float = 0.1, max_norm: float = 1.0):
    leaves = tree_leaves(grads)
    norm = tf.sqrt(asarray(sum(tf.reduce_sum(g**2) for g in leaves), dtype=tf.float32))
    grads = tf.cond(
        norm > max_norm,
        lambda: tree_map(lambda t: t * (max_norm / norm), grads),
        lambda: grads,
    )
    return tree_map(lambda p, g: p - lr * g, params, grads)


def activation(x, kind: int):
    return switch(kind, [tf.nn.relu, tf.tanh, tf.sigmoid], x)
