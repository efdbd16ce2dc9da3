"""A two-layer MLP (a list of parameter dicts) trained functionally inside jax.jit:
optax.chain(clip_by_global_norm, sgd with momentum and an exponential_decay
learning rate), jax.value_and_grad and optax.apply_updates."""

import jax_frontend


def init_params():
    return [
        {
            "w": jax_frontend.Array.reshape(
                jax_frontend.numpy.linspace(-0.5, 0.5, 12), 3, 4
            ),
            "b": jax_frontend.numpy.zeros(4),
        },
        {
            "w": jax_frontend.Array.reshape(
                jax_frontend.numpy.linspace(0.3, -0.3, 8), 4, 2
            ),
            "b": jax_frontend.numpy.full(2, 0.1),
        },
    ]


schedule = jax_frontend.optax.exponential_decay(0.1, transition_steps=2, decay_rate=0.5)
tx = jax_frontend.optax.functional.chain(
    jax_frontend.optax.functional.clip_by_global_norm(1.0),
    jax_frontend.optax.functional.sgd(schedule, momentum=0.9),
)


def init_state(params):
    return tx.init(params)


def predict(params, x):
    hidden = jax_frontend.numpy.tanh(x @ params[0]["w"] + params[0]["b"])
    return hidden @ params[1]["w"] + params[1]["b"]


def loss_fn(params, x, y):
    return jax_frontend.numpy.mean((predict(params, x) - y) ** 2)


@jax_frontend.jit
def train_step(params, opt_state, x, y):
    loss, grads = jax_frontend.value_and_grad(loss_fn)(params, x, y)
    updates, opt_state = tx.update(grads, opt_state, params)
    params = jax_frontend.optax.apply_updates(params, updates)
    return params, opt_state, loss
