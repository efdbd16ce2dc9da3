"""A plain-JAX MLP: parameters as a pytree, a loss, and an SGD step."""

import numpy as np


def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = np.asarray(obj, dtype=dtype)
    if dtype is None and x.dtype == np.float64:
        return x.astype(np.float32)
    if dtype is None and x.dtype == np.int64:
        return x.astype(np.int32)
    return x


def log_softmax(x, axis=-1):
    """x minus its logsumexp along axis, with the max taken out first (as JAX does)."""
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def tree_leaves(tree):
    """jax.tree_util.tree_leaves: dict values in sorted-key order, None skipped."""
    if tree is None:
        return []
    if isinstance(tree, dict):
        return [leaf for k in sorted(tree) for leaf in tree_leaves(tree[k])]
    if isinstance(tree, (list, tuple)):
        return [leaf for item in tree for leaf in tree_leaves(item)]
    return [tree]


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


def init_params(key, sizes):
    params = []
    keys = key.spawn(len(sizes) - 1)
    for k, m, n in zip(keys, sizes[:-1], sizes[1:]):
        w = k.standard_normal((m, n), dtype=np.float32) * np.sqrt(
            asarray(2.0 / m, dtype=np.float32)
        )
        params.append({"w": w, "b": np.zeros(n, dtype=np.float32)})
    return params


def forward(params, x):
    for layer in params[:-1]:
        x = np.maximum(x @ layer["w"] + layer["b"], 0)
    last = params[-1]
    return x @ last["w"] + last["b"]


def loss(params, x, y):
    logits = forward(params, x)
    return -np.mean(
        np.sum(
            log_softmax(logits) * np.eye(logits.shape[-1], dtype=np.float32)[y], axis=-1
        ),
    )


def sgd(params, grads, lr: float = 0.1):
    return tree_map(lambda p, g: p - lr * g, params, grads)


def l2(params):
    return sum(np.sum(p**2) for p in tree_leaves(params))
