"""Functional updates with `.at[]`: set, add (accumulating), multiply, min, max, divide, power and get."""

import jax_frontend


def scatter_updates(x, idx):
    a = jax_frontend.Array.at_set(x, jax_frontend.numpy.index_exp[0], 0.0)
    b = jax_frontend.Array.at_add(x, jax_frontend.numpy.index_exp[:, 1], 1.0)
    c = jax_frontend.Array.at_multiply(x, jax_frontend.numpy.index_exp[1:, ::2], 2.0)
    d = jax_frontend.Array.at_add(x, jax_frontend.numpy.index_exp[idx], 10.0)
    return a, b, c, d


def clamp_last_column(x):
    return jax_frontend.Array.at_set(
        x,
        jax_frontend.numpy.index_exp[..., -1],
        jax_frontend.numpy.clip(x[..., -1], -0.5, 0.5),
    )


def gather_rows(x, idx):
    return jax_frontend.Array.at_get(x, jax_frontend.numpy.index_exp[idx])


def running_extremes(x, idx, v):
    low = jax_frontend.Array.at_min(
        x,
        jax_frontend.numpy.index_exp[idx],
        v[: jax_frontend.Array.shape(idx)[0], None],
    )
    high = jax_frontend.Array.at_max(x, jax_frontend.numpy.index_exp[idx, 1:], 0.0)
    return (
        low,
        high,
        jax_frontend.Array.at_divide(x, jax_frontend.numpy.index_exp[:, 0], v),
        jax_frontend.Array.at_power(
            jax_frontend.numpy.abs(x), jax_frontend.numpy.index_exp[idx], 2.0
        ),
    )
