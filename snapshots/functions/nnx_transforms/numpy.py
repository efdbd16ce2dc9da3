"""nnx.scan and nnx.vmap over arrays only: a loop over the rows of the scanned arguments, and vmap."""

import math

import numpy as np


def maximum(x, y):
    """jnp.maximum: as XLA, 0.0 for -0.0 and 0.0 (np.maximum gives either one).

    Clearing the sign bit where either operand's is clear changes only a zero max: a positive operand makes the max
    positive, and a max of no positive operand is a zero only if one of them is a zero.
    """
    out = np.maximum(x, y)
    if not np.issubdtype(out.dtype, np.floating):
        return out
    bits = f"i{out.dtype.itemsize}"
    keep = np.asarray(x, out.dtype).view(bits) & np.asarray(y, out.dtype).view(bits)
    keep |= np.iinfo(bits).max
    keep &= out.view(bits)
    return keep.view(out.dtype)


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


def vmap(fun, in_axes=0, out_axes=0):
    """jax.vmap as a loop: fun on each slice along in_axes (None: not mapped),
    the results stacked along out_axes."""

    def vmapped(*args):
        axes = in_axes if isinstance(in_axes, (list, tuple)) else [in_axes] * len(args)
        pairs = list(zip(args, axes, strict=True))
        size = next(np.shape(a)[axis] for a, axis in pairs if axis is not None)
        outs = []
        for k in range(size):
            sliced = [
                a if axis is None else np.take(a, k, axis=axis) for a, axis in pairs
            ]
            outs.append(fun(*sliced))
        return tree_map(lambda *leaves: np.stack(leaves, axis=out_axes), *outs)

    return vmapped


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
            best = maximum(best, row)
            ys.append(best)
        return best, np.stack(ys[::-1])

    return step(np.full(xs.shape[1:], -math.inf, dtype=np.float32), xs)


def scaled_rows(row, scale):
    """Each row over its own norm, times a shared scale."""
    return row / np.linalg.norm(row) * scale


scaled_rows = vmap(scaled_rows, in_axes=(0, None))


def row_outer_products(xs, ys):
    """The outer product of each pair of rows, mapped over the second axis of ys."""
    return vmap(lambda a, b: np.outer(a, b), in_axes=(0, 1))(xs, ys)
