import torch


def value_and_grad(fun, argnums=0, has_aux=False):
    """jax.value_and_grad: (value, grad), where torch.func.grad_and_value gives (grad, value)."""
    grad_and_value = torch.func.grad_and_value(fun, argnums=argnums, has_aux=has_aux)

    def value_and_grad_fun(*args, **kwargs):
        grads, value = grad_and_value(*args, **kwargs)
        return value, grads

    return value_and_grad_fun
