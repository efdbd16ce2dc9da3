import numpy as np


class Embed:
    """nnx.Embed: rows of embedding (num_embeddings, features); attend scores against all rows."""

    def __init__(self, num_embeddings, features, rngs=None):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        embedding = rng.standard_normal((num_embeddings, features), dtype=np.float32)
        self.embedding = embedding / np.sqrt(features)

    def __call__(self, inputs):
        return np.take(self.embedding, inputs, axis=0)

    def attend(self, query):
        return np.matmul(query, self.embedding.T)
