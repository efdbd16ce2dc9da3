"""Loops and branches with jax.lax: scan, fori_loop, while_loop, cond and switch."""

import torch


def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = torch.as_tensor(obj)
    if dtype is not None:
        return x.to(dtype)
    if x.dtype == torch.float64:
        return x.to(torch.float32)
    if x.dtype == torch.int64:
        return x.to(torch.int32)
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
        _, y = f(carry, tree_map(lambda a: torch.zeros(a.shape[1:], dtype=a.dtype), xs))
        return carry, tree_map(lambda a: a[None][:0], y)
    for k in range(n - 1, -1, -1) if reverse else range(n):
        carry, ys[k] = f(carry, tree_map(lambda a, k=k: a[k], xs))
    return carry, tree_map(lambda *y: torch.stack(y), *ys)


def switch(index, branches, *operands):
    """jax.lax.switch: the branch at index, clamped into range, applied to the operands."""
    return branches[min(max(int(index), 0), len(branches) - 1)](*operands)


def transpose(x):
    """jnp.transpose without axes: all axes reversed."""
    return x.permute(*reversed(range(x.ndim)))


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

    _, sums = scan(step, torch.zeros_like(xs[0]), xs)
    return sums


def discounted_returns(rewards, gamma: float = 0.9):
    def step(future, r):
        ret = r + gamma * future
        return ret, ret

    _, returns = scan(step, torch.zeros_like(rewards[0]), rewards, reverse=True)
    return returns


def power_iteration(m, v, num_steps: int = 20):
    a = m @ transpose(m)

    def body(i, v):
        w = a @ v
        return w / torch.linalg.norm(w)

    v = fori_loop(0, num_steps, body, v)
    return v, torch.sum(v * (a @ v))


def rnn(w_h, w_x, xs, h0):
    def body(t, h):
        return torch.tanh(h @ w_h + xs[t] @ w_x)

    return fori_loop(0, xs.shape[0], body, h0)


def count_halvings(x, tol: float = 0.1):
    def big(carry):
        _, y = carry
        return torch.amax(torch.abs(y)) > tol

    def halve(carry):
        n, y = carry
        return n + 1, y * 0.5

    return while_loop(big, halve, (0, x))


def clipped_update(params, grads, lr: float = 0.1, max_norm: float = 1.0):
    leaves = tree_leaves(grads)
    norm = torch.sqrt(
        asarray(sum(torch.sum(g**2) for g in leaves), dtype=torch.float32)
    )
    grads = (
        (lambda g: tree_map(lambda t: t * (max_norm / norm), g))
        if norm > max_norm
        else (lambda g: g)
    )(grads)
    return tree_map(lambda p, g: p - lr * g, params, grads)


def activation(x, kind: int):
    return switch(
        kind,
        [(lambda x: torch.nn.functional.threshold(x, 0, 0)), torch.tanh, torch.sigmoid],
        x,
    )
