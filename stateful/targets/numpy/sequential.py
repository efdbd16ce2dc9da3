class Sequential:
    """nnx.Sequential: applies its layers (or plain functions) in order."""

    def __init__(self, *layers):
        self.layers = list(layers)

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
