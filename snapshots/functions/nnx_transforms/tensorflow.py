"""nnx.scan and nnx.vmap over arrays only: a loop over the rows of the scanned arguments, and vmap."""

import math

import tensorflow as tf
import tensorflow.experimental.numpy as tnp


def maximum(x, y):
    """jnp.maximum: as XLA, 0.0 for -0.0 and 0.0 (tf.maximum gives either one).

    Adding a zero changes only a zero max, to -0.0 if both are -0.0: the zero with the sign of x + y (its sign bit,
    as TensorFlow has no copysign; no gradient flows through it).
    """
    out = tf.maximum(x, y)
    if not out.dtype.is_floating:
        return out
    bits = {2: tf.int16, 4: tf.int32, 8: tf.int64}[out.dtype.size]
    sign = tf.bitwise.bitwise_and(tf.bitcast(x + y, bits), bits.min)
    return out + tf.bitcast(sign, out.dtype)


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
    """jax.vmap with tf.vectorized_map: fun on slices along in_axes (None: not mapped)."""

    def vmapped(*args):
        axes = in_axes if isinstance(in_axes, (list, tuple)) else [in_axes] * len(args)
        mapped = [n for n, axis in enumerate(axes) if axis is not None]

        def one(slices):
            call = list(args)
            for n, piece in zip(mapped, slices, strict=True):
                call[n] = piece
            return fun(*call)

        out = tf.vectorized_map(
            one, [tnp.moveaxis(args[n], axes[n], 0) for n in mapped]
        )
        return tree_map(lambda leaf: tnp.moveaxis(leaf, 0, out_axes), out)

    return vmapped


def running_sums(xs):
    """The running sum of the rows, and each step's total."""

    def step(total, rows):
        ys = []
        for i in range(rows.shape[0]):
            row = rows[i]
            total = total + row
            ys.append(tf.reduce_sum(total))
        return total, tf.stack(ys)

    return step(tf.zeros(xs.shape[1:], dtype=tf.float32), xs)


def decayed_trace(xs, weights, decay: float):
    """Backwards from the last row: the carry decays and takes each weighted row."""

    def step(trace, rows, weights, rate: float):
        for i in reversed(range(rows.shape[0])):
            row = rows[i]
            weight = weights[i]
            trace = trace * rate + row * weight
        return trace

    return step(tf.zeros(xs.shape[1:], dtype=tf.float32), xs, weights, decay)


def reversed_prefix_max(xs):
    """Each step's running maximum from the end, stacked in the rows' order."""

    def step(best, rows):
        ys = []
        for i in reversed(range(rows.shape[0])):
            row = rows[i]
            best = maximum(best, row)
            ys.append(best)
        return best, tf.stack(ys[::-1])

    return step(tf.fill(xs.shape[1:], tf.constant(-math.inf, dtype=tf.float32)), xs)


def scaled_rows(row, scale):
    """Each row over its own norm, times a shared scale."""
    return row / tf.norm(row) * scale


scaled_rows = vmap(scaled_rows, in_axes=(0, None))


def row_outer_products(xs, ys):
    """The outer product of each pair of rows, mapped over the second axis of ys."""
    return vmap(lambda a, b: tnp.outer(a, b), in_axes=(0, 1))(xs, ys)
