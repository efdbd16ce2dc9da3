import math

import keras
import tensorflow as tf

from .keras_initializer import keras_initializer


class LinearGeneral(keras.Layer):
    """nnx.LinearGeneral over the trailing axes, with Flax's names and layouts: x's last
    len(in_shape) axes (an int is one) contracted with kernel (*in_shape, *out_shape),
    plus bias (*out_shape). As Flax does, kernel_init draws the kernel flattened to
    (prod(in_shape), prod(out_shape)) (LeCun normal, truncated, by default) and bias_init
    the bias flattened (zeros by default), from rngs."""

    def __init__(
        self,
        in_shape,
        out_shape,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        self.in_shape = (in_shape,) if isinstance(in_shape, int) else tuple(in_shape)
        out_shape = (out_shape,) if isinstance(out_shape, int) else tuple(out_shape)
        fan_in, fan_out = math.prod(self.in_shape), math.prod(out_shape)

        def flattened(init, default, flat_shape):
            initializer = keras_initializer(init, default, rngs)
            return lambda shape, dtype=None: tf.reshape(
                initializer(flat_shape, dtype), shape
            )

        self.kernel = self.add_weight(
            shape=(*self.in_shape, *out_shape),
            initializer=flattened(kernel_init, "lecun_normal", (fan_in, fan_out)),
            name="kernel",
        )
        # x's contracted axes, then the kernel's output axes, as letters
        n, axes = len(self.in_shape), "abcdefghijklmnopqrstuvwxyz"
        axes = axes[: n + len(out_shape)]
        self.equation = f"...{axes[:n]},{axes}->...{axes[n:]}"
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(
                shape=out_shape,
                initializer=flattened(bias_init, "zeros", (fan_out,)),
                name="bias",
            )

    def call(self, x):
        # one einsum, as Keras' EinsumDense (reshape, matmul, reshape: more ops)
        y = tf.einsum(self.equation, x, self.kernel)
        return y if self.bias is None else y + self.bias
