"""A plain-JAX MLP: parameters as a pytree, a loss, and an SGD step."""

import jax_frontend


def init_params(key, sizes):
    params = []
    keys = jax_frontend.random.split(key, len(sizes) - 1)
    for k, m, n in zip(keys, sizes[:-1], sizes[1:]):
        w = jax_frontend.random.normal(k, (m, n)) * jax_frontend.numpy.sqrt(
            jax_frontend.numpy.asarray(2.0 / m, dtype=jax_frontend.numpy.float32)
        )
        params.append({"w": w, "b": jax_frontend.numpy.zeros(n)})
    return params


def forward(params, x):
    for layer in params[:-1]:
        x = jax_frontend.nn.relu(x @ layer["w"] + layer["b"])
    last = params[-1]
    return x @ last["w"] + last["b"]


def loss(params, x, y):
    logits = forward(params, x)
    return -jax_frontend.numpy.mean(
        jax_frontend.numpy.sum(
            jax_frontend.nn.log_softmax(logits)
            * jax_frontend.nn.one_hot(y, jax_frontend.Array.shape(logits)[-1]),
            axis=-1,
        ),
    )


def sgd(params, grads, lr: float = 0.1):
    return jax_frontend.tree_util.tree_map(lambda p, g: p - lr * g, params, grads)


def l2(params):
    return sum(
        jax_frontend.numpy.sum(p**2) for p in jax_frontend.tree_util.tree_leaves(params)
    )
