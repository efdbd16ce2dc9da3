import keras
import tensorflow as tf

from .norm_weights import norm_weights


class BatchNorm(keras.Layer):
    """nnx.BatchNorm as in Flax, over every axis but axis (the features, last by default).

    In training mode x is normalized with the batch's mean and biased variance
    (E[x^2] - E[x]^2, clipped at 0) over every other axis, and the running averages
    mean and var are updated as momentum * running + (1 - momentum) * batch. With
    use_running_average the running averages normalize x and stay as they are.

    The mode is use_running_average given per call, else Keras' training argument
    (model(x, training=False), model.predict and model.evaluate use the running
    averages; training=True and model.fit the batch), else the constructor's
    use_running_average: with neither given a call trains, as in Flax (Keras'
    BatchNormalization would use the running averages). The scale and bias start at ones
    and zeros unless scale_init / bias_init (init(key, shape)) draw them from rngs."""

    def __init__(
        self,
        num_features,
        use_running_average=False,
        axis=-1,
        momentum=0.99,
        epsilon=1e-5,
        use_bias=True,
        use_scale=True,
        scale_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        # use_running_average may be passed positionally, as in Flax
        self._allow_non_tensor_positional_args = True
        self.use_running_average = use_running_average
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        shape = (num_features,)
        self.mean = self.add_weight(
            shape=shape, initializer="zeros", trainable=False, name="mean"
        )
        self.var = self.add_weight(
            shape=shape, initializer="ones", trainable=False, name="var"
        )
        self.scale, self.bias = norm_weights(
            self, num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def call(self, x, use_running_average=None, training=None):
        if use_running_average is None and training is not None:
            use_running_average = not training
        if use_running_average is None:
            use_running_average = self.use_running_average
        axis = self.axis % len(x.shape)
        x = tf.experimental.numpy.moveaxis(x, axis, -1)
        if use_running_average:
            mean, var = self.mean, self.var
        else:
            axes = list(range(len(x.shape) - 1))
            mean = tf.reduce_mean(x, axis=axes)
            var = tf.maximum(
                tf.reduce_mean(tf.square(x), axis=axes) - tf.square(mean), 0.0
            )
            self.mean.assign(self.momentum * self.mean + (1 - self.momentum) * mean)
            self.var.assign(self.momentum * self.var + (1 - self.momentum) * var)
        multiplier = tf.math.rsqrt(var + self.epsilon)
        if self.scale is not None:
            multiplier = multiplier * self.scale
        y = (x - mean) * multiplier
        if self.bias is not None:
            y = y + self.bias
        return tf.experimental.numpy.moveaxis(y, -1, axis)
