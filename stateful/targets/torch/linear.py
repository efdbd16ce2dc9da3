import torch

from .lecun_normal import lecun_normal


class Linear(torch.nn.Linear):
    """nnx.Linear as a torch.nn.Linear (weight (out, in)) with Flax's initial values: the
    weight is the transposed (in, out) kernel of kernel_init(key, shape), LeCun-normal
    (truncated) by default, the bias bias_init's, zero by default, drawn from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__(in_features, out_features, bias=use_bias)
        key = None if rngs is None else rngs.params()
        with torch.no_grad():
            kernel = (kernel_init or lecun_normal)(key, (in_features, out_features))
            self.weight.copy_(kernel.T)
            if use_bias and bias_init is None:
                self.bias.zero_()
            elif use_bias:
                self.bias.copy_(bias_init(key, (out_features,)))
