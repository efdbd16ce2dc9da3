"""A linear regressor trained functionally: optax.adam over a parameter dict,
jax.value_and_grad and optax.apply_updates in a jax.jit train step."""

import ivy


def init_params():
    return {
        "w": ivy.zeros((3, 2), dtype=ivy.float32),
        "b": ivy.zeros(2, dtype=ivy.float32),
    }


tx = ivy.tx_adam(1e-2, 0.8, 0.999, 1e-08, 0.0, None, False)


def init_state(params):
    return tx.init(params)


def loss_fn(params, x, y):
    pred = x @ params["w"] + params["b"]
    return ivy.mean((pred - y) ** 2)


def train_step(params, opt_state, x, y):
    loss, grads = ivy.value_and_grad(loss_fn)(params, x, y)
    updates, opt_state = tx.update(grads, opt_state, params)
    params = ivy.apply_updates(params, updates)
    return params, opt_state, loss
