from .value_and_grad import value_and_grad


def grad(fun, argnums=0, has_aux=False):
    """jax.grad with tf.GradientTape: the gradients of fun's scalar value."""
    value_and_grad_fun = value_and_grad(fun, argnums=argnums, has_aux=has_aux)

    def grad_fun(*args):
        out, grads = value_and_grad_fun(*args)
        return (grads, out[1]) if has_aux else grads

    return grad_fun
