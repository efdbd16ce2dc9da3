"""A plain-JAX MLP: parameters as a pytree, a loss, and an SGD step."""

import keras
import tensorflow as tf
import tensorflow.experimental.numpy as tnp


def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = tf.convert_to_tensor(obj)
    if dtype is not None:
        return tf.cast(x, dtype)
    if x.dtype == tf.float64:
        return tf.cast(x, tf.float32)
    if x.dtype == tf.int64:
        return tf.cast(x, tf.int32)
    return x


def split_key(key, num=2):
    """jax.random.split: num new seed generators, seeded from key's stream."""
    seeds = keras.random.randint((num,), 0, 2**31 - 1, seed=key)
    return [keras.random.SeedGenerator(int(seed)) for seed in seeds]


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
        w = keras.random.normal((m, n), dtype=tf.float32, seed=k) * tf.sqrt(
            asarray(2.0 / m, dtype=tf.float32)
        )
        params.append({"w": w, "b": tf.zeros(n, dtype=tf.float32)})
    return params


def forward(params, x):
    for layer in params[:-1]:
        x = tf.nn.relu(tnp.matmul(x, layer["w"]) + layer["b"])
    last = params[-1]
    return tnp.matmul(x, last["w"]) + last["b"]


def loss(params, x, y):
    logits = forward(params, x)
    return -tf.reduce_mean(
        tf.reduce_sum(
            tf.nn.log_softmax(logits)
            * tf.one_hot(y, logits.shape[-1], dtype=tf.float32),
            axis=-1,
        ),
    )


def sgd(params, grads, lr: float = 0.1):
    return tree_map(lambda p, g: p - lr * g, params, grads)


def l2(params):
    return sum(tf.reduce_sum(p**2) for p in tree_leaves(params))
