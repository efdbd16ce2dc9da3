"""nnx.scan over arrays only: a loop over the rows of the scanned arguments."""

import math

import numpy as np


def running_sums(xs):
    """The running sum of the rows, and each step's total."""

    def step(total, rows):
        ys = []
        for i in range(rows.shape[0]):
            row = rows[i]
            total = total + row
            ys.append(np.sum(total))
        return total, np.stack(ys)

    return step(np.zeros(xs.shape[1:], dtype=np.float32), xs)


def decayed_trace(xs, weights, decay: float):
    """Backwards from the last row: the carry decays and takes each weighted row."""

    def step(trace, rows, weights, rate: float):
        for i in reversed(range(rows.shape[0])):
            row = rows[i]
            weight = weights[i]
            trace = trace * rate + row * weight
        return trace

    return step(np.zeros(xs.shape[1:], dtype=np.float32), xs, weights, decay)


def reversed_prefix_max(xs):
    """Each step's running maximum from the end, stacked in the rows' order."""

    def step(best, rows):
        ys = []
        for i in reversed(range(rows.shape[0])):
            row = rows[i]
            best = np.maximum(best, row)
            ys.append(best)
        return best, np.stack(ys[::-1])

    return step(np.full(xs.shape[1:], -math.inf, dtype=np.float32), xs)
