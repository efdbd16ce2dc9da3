def nnx_value_and_grad(fun, argnums=0, has_aux=False):
    """nnx.value_and_grad with tf.GradientTape: fun's scalar value (and aux) and its
    gradients with respect to the arguments argnums. A layer's gradients are a list
    in its trainable_variables order (Optimizer.update takes them); a tensor's is a
    tensor. Unconnected ones are zeros."""

    def value_and_grad_fun(*args):
        args = list(args)
        nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
        with tf.GradientTape() as tape:
            wrt = []
            for n in nums:
                if isinstance(args[n], keras.Layer):
                    wrt.append(list(args[n].trainable_variables))
                else:
                    args[n] = tf.convert_to_tensor(args[n])
                    tape.watch(args[n])
                    wrt.append(args[n])
            out = fun(*args)
        value = out[0] if has_aux else out
        grads = tape.gradient(
            value, wrt, unconnected_gradients=tf.UnconnectedGradients.ZERO
        )
        return out, grads[0] if isinstance(argnums, int) else tuple(grads)

    return value_and_grad_fun
