"""nnx.grad and nnx.value_and_grad: of arrays, with argnums, has_aux and
nnx.DiffState, and of a module's parameters."""

import jax_frontend


class Scale(jax_frontend.nnx.Module):
    def __init__(self, n: int):
        self.w = jax_frontend.nnx.Param(jax_frontend.numpy.linspace(-1.0, 1.0, n))
        self.b = jax_frontend.nnx.Param(jax_frontend.numpy.zeros((n,)))

    def __call__(self, x):
        return x * self.w + self.b


def value_and_grad_of_array(x):
    return jax_frontend.nnx.value_and_grad(
        lambda a: jax_frontend.numpy.sum(jax_frontend.numpy.sin(a))
    )(x)


def value_and_grad_of_two(x, y):
    return jax_frontend.nnx.value_and_grad(
        lambda a, b: jax_frontend.numpy.mean((a - b) ** 2), argnums=(0, 1)
    )(x, y)


def grad_with_aux(x, y):
    def f(a, b):
        return jax_frontend.numpy.sum(jax_frontend.numpy.tanh(a) * b), a * 2.0

    return jax_frontend.nnx.grad(
        f, argnums=jax_frontend.nnx.DiffState(1, jax_frontend.nnx.Param), has_aux=True
    )(x, y)


def loss_fn(model: Scale, x):
    return jax_frontend.numpy.sum(model(x) ** 2), jax_frontend.numpy.max(x)


def module_value_and_grad(model: Scale, x):
    (loss, top), grads = jax_frontend.nnx.value_and_grad(loss_fn, has_aux=True)(
        model, x
    )
    return loss, top, grads


def module_grad(model: Scale, x):
    grads, _ = jax_frontend.nnx.grad(loss_fn, has_aux=True)(model, x)
    return grads
