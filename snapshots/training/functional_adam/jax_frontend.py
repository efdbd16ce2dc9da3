"""A linear regressor trained functionally: optax.adam over a parameter dict,
jax.value_and_grad and optax.apply_updates in a jax.jit train step."""

import jax_frontend


def init_params():
    return {"w": jax_frontend.numpy.zeros((3, 2)), "b": jax_frontend.numpy.zeros(2)}


tx = jax_frontend.optax.functional.adam(1e-2, b1=0.8)


def init_state(params):
    return tx.init(params)


def loss_fn(params, x, y):
    pred = x @ params["w"] + params["b"]
    return jax_frontend.numpy.mean((pred - y) ** 2)


@jax_frontend.jit
def train_step(params, opt_state, x, y):
    loss, grads = jax_frontend.value_and_grad(loss_fn)(params, x, y)
    updates, opt_state = tx.update(grads, opt_state, params)
    params = jax_frontend.optax.apply_updates(params, updates)
    return params, opt_state, loss
