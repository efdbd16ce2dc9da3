import keras
import tensorflow as tf

from ..shared.einsum_bias_shape import einsum_bias_shape
from .keras_initializer import keras_initializer


class Einsum(keras.Layer):
    """nnx.Einsum: einsum(einsum_str, x, kernel) + bias, with kernel (kernel_shape) and bias
    (bias_shape) as in Flax, the bias broadcast over the output axes the kernel does not
    name. The kernel starts LeCun-normal (truncated, fan-in prod(kernel_shape[:-1])), the
    bias zero, unless kernel_init / bias_init (init(key, shape)) are given, drawn from
    rngs."""

    def __init__(
        self,
        einsum_str,
        kernel_shape,
        bias_shape=None,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        self.einsum_str = einsum_str.replace(" ", "")
        self.kernel = self.add_weight(
            shape=tuple(kernel_shape),
            initializer=keras_initializer(kernel_init, "lecun_normal", rngs),
            name="kernel",
        )
        self.bias = None
        if bias_shape is not None:
            self.bias = self.add_weight(
                shape=tuple(bias_shape),
                initializer=keras_initializer(bias_init, "zeros", rngs),
                name="bias",
            )

    def call(self, x, einsum_str=None):
        einsum_str = (
            self.einsum_str if einsum_str is None else einsum_str.replace(" ", "")
        )
        y = tf.einsum(einsum_str, x, self.kernel)
        if self.bias is None:
            return y
        shape = einsum_bias_shape(einsum_str, self.kernel.shape, len(y.shape))
        return y + tf.reshape(self.bias, shape)
