"""The helpers that shared helpers call but every target defines its own way.

A shared helper imports them from here (`from .per_target import asarray`), so
that it is importable and ruff-clean on its own; the loader reads such an
import as a helper it needs, by name, and the output gets the target's own
definition. This module itself is never emitted.
"""


def asarray(obj, dtype=None):
    """Each target's jnp.asarray (stages/targets/<target>/helpers/asarray.py)."""
    raise NotImplementedError("each target defines asarray")


def dynamic_update_slice(operand, update, start_indices):
    """Each target's lax.dynamic_update_slice (stages/targets/slicing.ts)."""
    raise NotImplementedError("each target defines dynamic_update_slice")


def nnx_value_and_grad(fun, argnums=0, has_aux=False):
    """Each target's nnx.value_and_grad (stages/targets/<target>/helpers/nnx_value_and_grad.py)."""
    raise NotImplementedError("each target defines nnx_value_and_grad")
