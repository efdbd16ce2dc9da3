import keras
import tensorflow as tf

from .flax_params import flax_params
from .substituted_call import substituted_call


class WeightNorm(keras.Layer):
    """nnx.WeightNorm: before each call, every kernel of layer_instance becomes its value
    l2-normalized over the axes but feature_axes times its scale, and Flax writes it into
    the layer: so does this (gradients reach the kernel the call started from). The
    scales, ones unless scale_init(key, shape) is given, are non-trainable variables of
    scales named by the kernel's Flax path, as Flax keeps them outside its Params;
    scale_init draws from rngs."""

    def __init__(
        self,
        layer_instance,
        feature_axes=-1,
        use_scale=True,
        scale_init=None,
        epsilon=1e-12,
        rngs=None,
    ):
        super().__init__()
        self.layer_instance = layer_instance
        self.feature_axes = () if feature_axes is None else feature_axes
        self.epsilon = epsilon
        self.scales = None
        key = None if rngs is None else rngs.params()
        if use_scale:
            scales = {}
            for path, kernel in self.kernels():
                shape = tuple(kernel.shape[a] for a in self.axes(len(kernel.shape)))
                value = tf.ones(shape) if scale_init is None else scale_init(key, shape)
                name = "_".join(path)
                scales[name] = keras.Variable(value, trainable=False, name=name)
            self.scales = scales

    def kernels(self):
        return [p for p in flax_params(self.layer_instance) if "kernel" in p[0]]

    def axes(self, ndim):
        axes = self.feature_axes
        return sorted({a % ndim for a in ((axes,) if isinstance(axes, int) else axes)})

    def call(self, x, *args, **kwargs):
        values = []
        for path, variable in self.kernels():
            kernel = tf.convert_to_tensor(variable)
            features = self.axes(len(kernel.shape))
            reduced = [a for a in range(len(kernel.shape)) if a not in features]
            squares = tf.reduce_sum(kernel * kernel, axis=reduced, keepdims=True)
            kernel = kernel * tf.math.rsqrt(squares + self.epsilon)
            if self.scales is not None:
                shape = [
                    kernel.shape[a] if a in features else 1
                    for a in range(len(kernel.shape))
                ]
                kernel = kernel * tf.reshape(self.scales["_".join(path)], shape)
            values.append((variable, kernel))
            variable.assign(kernel)
        return substituted_call(self.layer_instance, values, x, *args, **kwargs)
