"""nnx.scan and nnx.vmap over arrays only: a loop over the rows of the scanned arguments, and vmap."""

import jax_frontend


def running_sums(xs):
    """The running sum of the rows, and each step's total."""

    def step(total, rows):
        ys = []
        for i in range(jax_frontend.Array.shape(rows)[0]):
            row = rows[i]
            total = total + row
            ys.append(jax_frontend.numpy.sum(total))
        return total, jax_frontend.numpy.stack(ys)

    return step(jax_frontend.numpy.zeros(jax_frontend.Array.shape(xs)[1:]), xs)


def decayed_trace(xs, weights, decay: float):
    """Backwards from the last row: the carry decays and takes each weighted row."""

    def step(trace, rows, weights, rate: float):
        for i in reversed(range(jax_frontend.Array.shape(rows)[0])):
            row = rows[i]
            weight = weights[i]
            trace = trace * rate + row * weight
        return trace

    return step(
        jax_frontend.numpy.zeros(jax_frontend.Array.shape(xs)[1:]), xs, weights, decay
    )


def reversed_prefix_max(xs):
    """Each step's running maximum from the end, stacked in the rows' order."""

    def step(best, rows):
        ys = []
        for i in reversed(range(jax_frontend.Array.shape(rows)[0])):
            row = rows[i]
            best = jax_frontend.numpy.maximum(best, row)
            ys.append(best)
        return best, jax_frontend.numpy.stack(ys[::-1])

    return step(
        jax_frontend.numpy.full(
            jax_frontend.Array.shape(xs)[1:], -jax_frontend.numpy.inf
        ),
        xs,
    )


def scaled_rows(row, scale):
    """Each row over its own norm, times a shared scale."""
    return row / jax_frontend.numpy.linalg.norm(row) * scale


scaled_rows = jax_frontend.nnx.vmap(scaled_rows, in_axes=(0, None))


def row_outer_products(xs, ys):
    """The outer product of each pair of rows, mapped over the second axis of ys."""
    return jax_frontend.nnx.vmap(
        lambda a, b: jax_frontend.numpy.outer(a, b), in_axes=(0, 1)
    )(xs, ys)
