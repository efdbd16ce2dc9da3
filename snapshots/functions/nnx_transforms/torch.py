"""nnx.scan and nnx.vmap over arrays only: a loop over the rows of the scanned arguments, and vmap."""

import math

import torch


def maximum(x, y):
    """jnp.maximum: as XLA, 0.0 for -0.0 and 0.0 (torch's vectorized max gives either one).

    Adding a zero changes only a zero max, to -0.0 if both are -0.0 (the sign of x + y where the max is a zero).
    """
    out = torch.clamp(x, min=y)
    if not out.is_floating_point():
        return out
    return out + torch.copysign(out.new_zeros(()), x + y)


def running_sums(xs):
    """The running sum of the rows, and each step's total."""

    def step(total, rows):
        ys = []
        for i in range(rows.shape[0]):
            row = rows[i]
            total = total + row
            ys.append(torch.sum(total))
        return total, torch.stack(ys)

    return step(torch.zeros(xs.shape[1:], dtype=torch.float32), xs)


def decayed_trace(xs, weights, decay: float):
    """Backwards from the last row: the carry decays and takes each weighted row."""

    def step(trace, rows, weights, rate: float):
        for i in reversed(range(rows.shape[0])):
            row = rows[i]
            weight = weights[i]
            trace = trace * rate + row * weight
        return trace

    return step(torch.zeros(xs.shape[1:], dtype=torch.float32), xs, weights, decay)


def reversed_prefix_max(xs):
    """Each step's running maximum from the end, stacked in the rows' order."""

    def step(best, rows):
        ys = []
        for i in reversed(range(rows.shape[0])):
            row = rows[i]
            best = maximum(best, row)
            ys.append(best)
        return best, torch.stack(ys[::-1])

    return step(torch.full(xs.shape[1:], -math.inf, dtype=torch.float32), xs)


def scaled_rows(row, scale):
    """Each row over its own norm, times a shared scale."""
    return row / torch.linalg.norm(row) * scale


scaled_rows = torch.func.vmap(scaled_rows, in_dims=(0, None))


def row_outer_products(xs, ys):
    """The outer product of each pair of rows, mapped over the second axis of ys."""
    return torch.func.vmap(
        lambda a, b: torch.outer(torch.flatten(a), torch.flatten(b)), in_dims=(0, 1)
    )(xs, ys)
