import keras

from .keras_initializer import keras_initializer


class Embed(keras.layers.Embedding):
    """nnx.Embed: a Keras Embedding built at construction, with Flax's attend;
    embedding_init (init(key, shape)) draws the initial rows where given, from rngs."""

    def __init__(self, num_embeddings, features, embedding_init=None, rngs=None):
        super().__init__(
            num_embeddings,
            features,
            embeddings_initializer=keras_initializer(embedding_init, "uniform", rngs),
        )
        self.build()

    def attend(self, query):
        """query @ embedding.T: scores against every embedding."""
        return keras.ops.matmul(query, keras.ops.transpose(self.embeddings))
