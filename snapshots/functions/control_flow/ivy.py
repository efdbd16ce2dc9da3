"""Loops and branches with jax.lax: scan, fori_loop, while_loop, cond and switch."""

import ivy


def cumulative_sum(xs):
    def step(total, x):
        total = total + x
        return total, total

    _, sums = ivy.scan(step, ivy.zeros_like(xs[0]), xs)
    return sums


def discounted_returns(rewards, gamma: float = 0.9):
    def step(future, r):
        ret = r + gamma * future
        return ret, ret

    _, returns = ivy.scan(step, ivy.zeros_like(rewards[0]), rewards, reverse=True)
    return returns


def power_iteration(m, v, num_steps: int = 20):
    a = m @ ivy.transpose(m)

    def body(i, v):
        w = a @ v
        return w / ivy.norm(w)

    v = ivy.fori_loop(0, num_steps, body, v)
    return v, ivy.sum(v * (a @ v))


def rnn(w_h, w_x, xs, h0):
    def body(t, h):
        return ivy.tanh(h @ w_h + xs[t] @ w_x)

    return ivy.fori_loop(0, ivy.shape(xs)[0], body, h0)


def count_halvings(x, tol: float = 0.1):
    def big(carry):
        _, y = carry
        return ivy.max(ivy.abs(y)) > tol

    def halve(carry):
        n, y = carry
        return n + 1, y * 0.5

    return ivy.while_loop(big, halve, (0, x))


def clipped_update(params, grads, lr: float = 0.1, max_norm: float = 1.0):
    leaves = ivy.tree_leaves(grads)
    norm = ivy.sqrt(ivy.asarray(sum(ivy.sum(g**2) for g in leaves), dtype=ivy.float32))
    grads = ivy.cond(
        norm > max_norm,
        lambda g: ivy.tree_map(lambda t: t * (max_norm / norm), g),
        lambda g: g,
        grads,
    )
    return ivy.tree_map(lambda p, g: p - lr * g, params, grads)


def activation(x, kind: int):
    return ivy.switch(kind, [ivy.relu, ivy.tanh, ivy.sigmoid], x)
