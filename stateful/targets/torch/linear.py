class Linear(torch.nn.Linear):
    """nnx.Linear with Flax's initializers (init(key, shape)): the weight is
    kernel_init's (in, out) kernel transposed, the bias bias_init's; torch's own
    initialization where one is None."""

    def __init__(
        self, in_features, out_features, use_bias=True, kernel_init=None, bias_init=None
    ):
        super().__init__(in_features, out_features, bias=use_bias)
        with torch.no_grad():
            if kernel_init is not None:
                self.weight.copy_(kernel_init(None, (in_features, out_features)).T)
            if bias_init is not None and use_bias:
                self.bias.copy_(bias_init(None, (out_features,)))
