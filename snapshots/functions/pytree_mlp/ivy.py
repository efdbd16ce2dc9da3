"""A plain-JAX MLP: parameters as a pytree, a loss, and an SGD step."""

import ivy


def init_params(key, sizes):
    params = []
    keys = ivy.random_split(key, num=len(sizes) - 1)
    for k, m, n in zip(keys, sizes[:-1], sizes[1:]):
        w = ivy.random_normal(k, (m, n), dtype=ivy.float32) * ivy.sqrt(
            ivy.asarray(2.0 / m, dtype=ivy.float32)
        )
        params.append({"w": w, "b": ivy.zeros(n, dtype=ivy.float32)})
    return params


def forward(params, x):
    for layer in params[:-1]:
        x = ivy.relu(x @ layer["w"] + layer["b"])
    last = params[-1]
    return x @ last["w"] + last["b"]


def loss(params, x, y):
    logits = forward(params, x)
    return -ivy.mean(
        ivy.sum(
            ivy.log_softmax(logits)
            * ivy.one_hot(y, ivy.shape(logits)[-1], dtype=ivy.float32),
            axis=-1,
        ),
    )


def sgd(params, grads, lr: float = 0.1):
    return ivy.tree_map(lambda p, g: p - lr * g, params, grads)


def l2(params):
    return sum(ivy.sum(p**2) for p in ivy.tree_leaves(params))
