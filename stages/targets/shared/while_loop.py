from .per_target import asarray
from .tree_map import tree_map


def while_loop(cond_fun, body_fun, init_val):
    """jax.lax.while_loop, run eagerly."""
    val = tree_map(asarray, init_val)
    while cond_fun(val):
        val = body_fun(val)
    return val
