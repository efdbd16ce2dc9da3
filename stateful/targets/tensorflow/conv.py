import keras

from ..shared.conv_sizes import conv_sizes
from .conv_general_dilated import conv_general_dilated
from .keras_initializer import keras_initializer


class Conv(keras.Layer):
    """nnx.Conv: channels-last convolution with Flax's kernel (*kernel_size, in // feature_group_count, out),
    LeCun-normal and a zero bias unless kernel_init / bias_init (init(key, shape)) are given,
    drawn from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        kernel_size,
        strides=1,
        padding="SAME",
        input_dilation=1,
        kernel_dilation=1,
        feature_group_count=1,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        self.kernel_size, self.strides, *dilations = conv_sizes(
            kernel_size, strides, input_dilation, kernel_dilation
        )
        self.input_dilation, self.kernel_dilation = dilations
        self.padding = padding
        self.feature_group_count = feature_group_count
        shape = (*self.kernel_size, in_features // feature_group_count, out_features)
        self.kernel = self.add_weight(
            shape=shape,
            initializer=keras_initializer(kernel_init, "lecun_normal", rngs),
            name="kernel",
        )
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(
                shape=(out_features,),
                initializer=keras_initializer(bias_init, "zeros", rngs),
                name="bias",
            )

    def call(self, x):
        y = conv_general_dilated(
            x,
            self.kernel,
            self.strides,
            self.padding,
            self.input_dilation,
            self.kernel_dilation,
            self.feature_group_count,
        )
        return y if self.bias is None else y + self.bias
