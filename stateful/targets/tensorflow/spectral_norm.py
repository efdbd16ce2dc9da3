import keras
import tensorflow as tf

from .flax_params import flax_params
from .substituted_call import substituted_call


class SpectralNorm(keras.Layer):
    """nnx.SpectralNorm: before each call, every trainable variable of layer_instance with
    two axes or more (the leading ones flattened) is divided by its largest singular value
    sigma, estimated with n_steps of power iteration from the vector u, and Flax writes it
    into the layer: so does this (gradients reach the variable the call started from,
    through sigma). u and sigma, non-trainable variables of batch_stats named by the
    variable's Flax path, keep the new estimates when update_stats (the call's, else
    Keras' training, else the constructor's) is true. u starts random, drawn from rngs."""

    def __init__(
        self, layer_instance, n_steps=1, epsilon=1e-12, update_stats=True, rngs=None
    ):
        super().__init__()
        self.layer_instance = layer_instance
        self.n_steps = n_steps
        self.epsilon = epsilon
        self.use_running_average = not update_stats
        batch_stats = {}
        key = None if rngs is None else rngs.params()
        for path, variable in self.matrices():
            name = "_".join(path)
            u = keras.random.normal((1, variable.shape[-1]), stddev=0.01, seed=key)
            batch_stats[name + "_u"] = keras.Variable(
                u, trainable=False, name=name + "_u"
            )
            sigma = keras.Variable(1.0, trainable=False, name=name + "_sigma")
            batch_stats[name + "_sigma"] = sigma
        self.batch_stats = batch_stats

    @staticmethod
    def l2_normalize(x, epsilon):
        return x * tf.math.rsqrt(tf.reduce_sum(x * x) + epsilon)

    def matrices(self):
        """(Flax path, variable) of the variables normalized."""
        params = flax_params(self.layer_instance)
        return [(p, v) for p, v in params if len(v.shape) > 1 and self.n_steps >= 1]

    def call(self, x, update_stats=None, training=None):
        if update_stats is None:
            update_stats = (
                not self.use_running_average if training is None else training
            )
        values = []
        for path, variable in self.matrices():
            matrix = tf.reshape(variable, (-1, variable.shape[-1]))
            stats = "_".join(path)
            u = tf.convert_to_tensor(self.batch_stats[stats + "_u"])
            for _ in range(self.n_steps):
                v = self.l2_normalize(
                    tf.matmul(u, matrix, transpose_b=True), self.epsilon
                )
                u = self.l2_normalize(tf.matmul(v, matrix), self.epsilon)
            u, v = tf.stop_gradient(u), tf.stop_gradient(v)
            sigma = tf.matmul(tf.matmul(v, matrix), u, transpose_b=True)[0, 0]
            matrix = matrix / tf.where(sigma != 0, sigma, 1.0)
            matrix = tf.reshape(matrix, variable.shape)
            values.append((variable, matrix))
            if update_stats:
                self.batch_stats[stats + "_u"].assign(u)
                self.batch_stats[stats + "_sigma"].assign(sigma)
            variable.assign(matrix)
        return substituted_call(self.layer_instance, values, x)
