from .per_target import asarray
from .tree_map import tree_map


def fori_loop(lower, upper, body_fun, init_val):
    """jax.lax.fori_loop, run eagerly: the index i is a Python int."""
    val = tree_map(asarray, init_val)
    for i in range(lower, upper):
        val = body_fun(i, val)
    return val
