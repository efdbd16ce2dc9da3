"""A plain-JAX MLP: parameters as a pytree, a loss, and an SGD step."""

import torch


def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = torch.as_tensor(obj)
    if dtype is not None:
        return x.to(dtype)
    if x.dtype == torch.float64:
        return x.to(torch.float32)
    if x.dtype == torch.int64:
        return x.to(torch.int32)
    return x


def split_key(key, num=2):
    """jax.random.split: num new generators, seeded from key's stream."""
    seeds = torch.randint(2**62, (num,), generator=key).tolist()
    return [torch.Generator().manual_seed(seed) for seed in seeds]


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
    keys = split_key(key, len(sizes) - 1)
    for k, m, n in zip(keys, sizes[:-1], sizes[1:]):
        w = torch.randn((m, n), generator=k, dtype=torch.float32) * torch.sqrt(
            asarray(2.0 / m, dtype=torch.float32)
        )
        params.append({"w": w, "b": torch.zeros(n, dtype=torch.float32)})
    return params


def forward(params, x):
    for layer in params[:-1]:
        x = torch.nn.functional.threshold(x @ layer["w"] + layer["b"], 0, 0)
    last = params[-1]
    return x @ last["w"] + last["b"]


def loss(params, x, y):
    logits = forward(params, x)
    return -torch.mean(
        torch.sum(
            torch.log_softmax(logits, dim=-1)
            * torch.nn.functional.one_hot(y.long(), logits.shape[-1]).to(torch.float32),
            dim=-1,
        ),
    )


def sgd(params, grads, lr: float = 0.1):
    return tree_map(lambda p, g: p - lr * g, params, grads)


def l2(params):
    return sum(torch.sum(p**2) for p in tree_leaves(params))
