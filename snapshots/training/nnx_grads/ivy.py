"""nnx.grad and nnx.value_and_grad: of arrays, with argnums, has_aux and
nnx.DiffState, and of a module's parameters."""

import ivy


class Scale(ivy.Module):
    def __init__(self, n: int):
        self.w = ivy.Param(ivy.linspace(-1.0, 1.0, num=n, dtype=ivy.float32))
        self.b = ivy.Param(ivy.zeros((n,), dtype=ivy.float32))

    def __call__(self, x):
        return x * self.w + self.b


def value_and_grad_of_array(x):
    return ivy.nnx_value_and_grad(lambda a: ivy.sum(ivy.sin(a)))(x)


def value_and_grad_of_two(x, y):
    return ivy.nnx_value_and_grad(lambda a, b: ivy.mean((a - b) ** 2), argnums=(0, 1))(
        x, y
    )


def grad_with_aux(x, y):
    def f(a, b):
        return ivy.sum(ivy.tanh(a) * b), a * 2.0

    return ivy.nnx_grad(f, argnums=1, has_aux=True)(x, y)


def loss_fn(model: Scale, x):
    return ivy.sum(model(x) ** 2), ivy.max(x)


def module_value_and_grad(model: Scale, x):
    (loss, top), grads = ivy.nnx_value_and_grad(loss_fn, has_aux=True)(model, x)
    return loss, top, grads


def module_grad(model: Scale, x):
    grads, _ = ivy.nnx_grad(loss_fn, has_aux=True)(model, x)
    return grads
