"""Loops and branches with jax.lax: scan, fori_loop, while_loop, cond and switch."""

import jax_frontend


def cumulative_sum(xs):
    def step(total, x):
        total = total + x
        return total, total

    _, sums = jax_frontend.lax.scan(step, jax_frontend.numpy.zeros_like(xs[0]), xs)
    return sums


def discounted_returns(rewards, gamma: float = 0.9):
    def step(future, r):
        ret = r + gamma * future
        return ret, ret

    _, returns = jax_frontend.lax.scan(
        step, jax_frontend.numpy.zeros_like(rewards[0]), rewards, reverse=True
    )
    return returns


def power_iteration(m, v, num_steps: int = 20):
    a = m @ jax_frontend.Array.T(m)

    def body(i, v):
        w = a @ v
        return w / jax_frontend.numpy.linalg.norm(w)

    v = jax_frontend.lax.fori_loop(0, num_steps, body, v)
    return v, jax_frontend.numpy.sum(v * (a @ v))


def rnn(w_h, w_x, xs, h0):
    def body(t, h):
        return jax_frontend.numpy.tanh(h @ w_h + xs[t] @ w_x)

    return jax_frontend.lax.fori_loop(0, jax_frontend.Array.shape(xs)[0], body, h0)


def count_halvings(x, tol: float = 0.1):
    def big(carry):
        _, y = carry
        return jax_frontend.numpy.max(jax_frontend.numpy.abs(y)) > tol

    def halve(carry):
        n, y = carry
        return n + 1, y * 0.5

    return jax_frontend.lax.while_loop(big, halve, (0, x))


def clipped_update(params, grads, lr: float = 0.1, max_norm: float = 1.0):
    leaves = jax_frontend.tree_util.tree_leaves(grads)
    norm = jax_frontend.numpy.sqrt(
        jax_frontend.numpy.asarray(
            sum(jax_frontend.numpy.sum(g**2) for g in leaves),
            dtype=jax_frontend.numpy.float32,
        ),
    )
    grads = jax_frontend.lax.cond(
        norm > max_norm,
        lambda g: jax_frontend.tree_util.tree_map(lambda t: t * (max_norm / norm), g),
        lambda g: g,
        grads,
    )
    return jax_frontend.tree_util.tree_map(lambda p, g: p - lr * g, params, grads)


def activation(x, kind: int):
    return jax_frontend.lax.switch(
        kind,
        [jax_frontend.nn.relu, jax_frontend.numpy.tanh, jax_frontend.nn.sigmoid],
        x,
    )
