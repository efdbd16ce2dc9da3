from .linear import Linear
from .lora import LoRA


class LoRALinear(Linear):
    """nnx.LoRALinear: a Linear plus its lora, a LoRA (lora.lora_a, lora.lora_b) of the same
    input, as in Flax."""

    def __init__(
        self,
        in_features,
        out_features,
        lora_rank,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        a_initializer=None,
        b_initializer=None,
        rngs=None,
    ):
        super().__init__(
            in_features, out_features, use_bias, kernel_init, bias_init, rngs
        )
        self.lora = LoRA(
            in_features,
            lora_rank,
            out_features,
            a_initializer=a_initializer,
            b_initializer=b_initializer,
            rngs=rngs,
        )

    def forward(self, x):
        return super().forward(x) + self.lora(x)
