"""A two-layer MLP (a list of parameter dicts) trained functionally inside jax.jit:
optax.chain(clip_by_global_norm, sgd with momentum and an exponential_decay
learning rate), jax.value_and_grad and optax.apply_updates."""

import ivy


def init_params():
    return [
        {
            "w": ivy.reshape(
                ivy.linspace(-0.5, 0.5, num=12, dtype=ivy.float32), (3, 4)
            ),
            "b": ivy.zeros(4, dtype=ivy.float32),
        },
        {
            "w": ivy.reshape(ivy.linspace(0.3, -0.3, num=8, dtype=ivy.float32), (4, 2)),
            "b": ivy.full(2, 0.1, dtype=ivy.float32),
        },
    ]


schedule = ivy.exponential_decay(0.1, 2, 0.5)
tx = ivy.tx_chain(ivy.tx_clip_by_global_norm(1.0), ivy.tx_sgd(schedule, 0.9, False))


def init_state(params):
    return tx.init(params)


def predict(params, x):
    hidden = ivy.tanh(x @ params[0]["w"] + params[0]["b"])
    return hidden @ params[1]["w"] + params[1]["b"]


def loss_fn(params, x, y):
    return ivy.mean((predict(params, x) - y) ** 2)


def train_step(params, opt_state, x, y):
    loss, grads = ivy.value_and_grad(loss_fn)(params, x, y)
    updates, opt_state = tx.update(grads, opt_state, params)
    params = ivy.apply_updates(params, updates)
    return params, opt_state, loss
