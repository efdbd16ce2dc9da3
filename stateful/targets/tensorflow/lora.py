import keras
import tensorflow as tf

from .keras_initializer import keras_initializer


class LoRA(keras.Layer):
    """nnx.LoRA: x @ lora_a @ lora_b, plus base_module(x) when one is given, with lora_a
    (in, rank) and lora_b (rank, out) as in Flax, starting He-uniform and zero unless
    a_initializer / b_initializer (init(key, shape)) are given, drawn from rngs."""

    def __init__(
        self,
        in_features,
        lora_rank,
        out_features,
        base_module=None,
        a_initializer=None,
        b_initializer=None,
        rngs=None,
    ):
        super().__init__()
        self.base_module = base_module
        self.lora_a = self.add_weight(
            shape=(in_features, lora_rank),
            initializer=keras_initializer(a_initializer, "he_uniform", rngs),
            name="lora_a",
        )
        self.lora_b = self.add_weight(
            shape=(lora_rank, out_features),
            initializer=keras_initializer(b_initializer, "zeros", rngs),
            name="lora_b",
        )

    def call(self, x):
        y = tf.matmul(tf.matmul(x, self.lora_a), self.lora_b)
        return y if self.base_module is None else y + self.base_module(x)
