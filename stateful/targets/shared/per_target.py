"""The helpers that shared stateful helpers call but every target defines its own way.

A shared helper imports them from here (`from .per_target import max_pool`), so
that it is importable and ruff-clean on its own; the loader reads such an
import as a helper it needs, by name, and the output gets the target's own
definition. This module itself is never emitted.
"""


def max_pool(inputs, window_shape, strides=None, padding="VALID"):
    """Each target's nnx.max_pool (stateful/targets/<target>/max_pool.py)."""
    raise NotImplementedError("each target defines max_pool")


def orthogonal(key, n, m=None, dtype=None):
    """Each target's jax.random.orthogonal (stateful/targets/orthogonal.ts)."""
    raise NotImplementedError("each target defines orthogonal")
