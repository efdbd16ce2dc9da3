"""The helpers that helper files call but every target defines its own way, or a
template over the target's spelling writes.

A helper file imports them from here (`from .per_target import max_pool`, from a
target's folder `from ..shared.per_target import norm_params`), so that it is
importable and ruff-clean on its own; the loader reads such an
import as a helper it needs, by name, and the output gets the target's own
definition. This module itself is never emitted.
"""


def max_pool(inputs, window_shape, strides=None, padding="VALID"):
    """Each target's nnx.max_pool (stateful/targets/<target>/max_pool.py)."""
    raise NotImplementedError("each target defines max_pool")


def orthogonal(key, n, m=None, dtype=None):
    """Each target's jax.random.orthogonal (stateful/targets/orthogonal.ts)."""
    raise NotImplementedError("each target defines orthogonal")


def norm_params(num_features, use_scale, use_bias, scale_init, bias_init, rngs):
    """The torch and NumPy norms' scale and bias (stateful/targets/norm_params.ts)."""
    raise NotImplementedError("each target defines norm_params")
