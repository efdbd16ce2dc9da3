"""nnx.scan and nnx.vmap over arrays only: a loop over the rows of the scanned arguments, and vmap."""

import math

import ivy


def running_sums(xs):
    """The running sum of the rows, and each step's total."""

    def step(total, rows):
        ys = []
        for i in range(ivy.shape(rows)[0]):
            row = rows[i]
            total = total + row
            ys.append(ivy.sum(total))
        return total, ivy.stack(ys)

    return step(ivy.zeros(ivy.shape(xs)[1:], dtype=ivy.float32), xs)


def decayed_trace(xs, weights, decay: float):
    """Backwards from the last row: the carry decays and takes each weighted row."""

    def step(trace, rows, weights, rate: float):
        for i in reversed(range(ivy.shape(rows)[0])):
            row = rows[i]
            weight = weights[i]
            trace = trace * rate + row * weight
        return trace

    return step(ivy.zeros(ivy.shape(xs)[1:], dtype=ivy.float32), xs, weights, decay)


def reversed_prefix_max(xs):
    """Each step's running maximum from the end, stacked in the rows' order."""

    def step(best, rows):
        ys = []
        for i in reversed(range(ivy.shape(rows)[0])):
            row = rows[i]
            best = ivy.maximum(best, row)
            ys.append(best)
        return best, ivy.stack(ys[::-1])

    return step(ivy.full(ivy.shape(xs)[1:], -math.inf), xs)


def scaled_rows(row, scale):
    """Each row over its own norm, times a shared scale."""
    return row / ivy.norm(row) * scale


scaled_rows = ivy.vmap(scaled_rows, in_axes=(0, None))


def row_outer_products(xs, ys):
    """The outer product of each pair of rows, mapped over the second axis of ys."""
    return ivy.vmap(lambda a, b: ivy.outer(a, b), in_axes=(0, 1))(xs, ys)
