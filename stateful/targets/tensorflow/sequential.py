import keras


class Sequential(keras.Layer):
    """nnx.Sequential: applies its layers (or plain functions) in order."""

    def __init__(self, *layers):
        super().__init__()
        self.layers = list(layers)

    def call(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
