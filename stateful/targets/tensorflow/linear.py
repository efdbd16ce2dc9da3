import keras


class Linear(keras.layers.Dense):
    """nnx.Linear: a Dense layer (kernel (in, out), as in Flax) built at construction."""

    def __init__(self, in_features, out_features, use_bias=True):
        super().__init__(
            out_features, use_bias=use_bias, kernel_initializer="lecun_normal"
        )
        self.build((None, in_features))
