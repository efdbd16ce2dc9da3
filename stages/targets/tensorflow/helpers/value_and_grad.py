import tensorflow as tf


def value_and_grad(fun, argnums=0, has_aux=False):
    """jax.value_and_grad with tf.GradientTape: fun's scalar value (and aux) and its
    gradients with respect to the arguments argnums; unconnected ones are zeros."""

    def value_and_grad_fun(*args):
        args = list(args)
        nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
        with tf.GradientTape() as tape:
            for n in nums:
                args[n] = tf.nest.map_structure(tf.convert_to_tensor, args[n])
                tape.watch(args[n])
            out = fun(*args)
        value = out[0] if has_aux else out
        grads = tape.gradient(
            value,
            [args[n] for n in nums],
            unconnected_gradients=tf.UnconnectedGradients.ZERO,
        )
        grads = grads[0] if isinstance(argnums, int) else tuple(grads)
        return out, grads

    return value_and_grad_fun
