from .per_target import nnx_value_and_grad


def nnx_grad(fun, argnums=0, has_aux=False):
    """nnx.grad: the gradients nnx_value_and_grad gives (and aux)."""
    value_and_grad_fun = nnx_value_and_grad(fun, argnums=argnums, has_aux=has_aux)

    def grad_fun(*args):
        out, grads = value_and_grad_fun(*args)
        return (grads, out[1]) if has_aux else grads

    return grad_fun
