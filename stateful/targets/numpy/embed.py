import numpy as np


class Embed:
    """nnx.Embed: rows of embedding (num_embeddings, features); attend scores against all rows;
    embedding_init (init(key, shape)) draws the initial rows where given."""

    def __init__(self, num_embeddings, features, embedding_init=None, rngs=None):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        shape = (num_embeddings, features)
        if embedding_init is None:
            embedding = rng.standard_normal(shape, dtype=np.float32) / np.sqrt(features)
        else:
            embedding = np.asarray(embedding_init(rng, shape), np.float32)
        self.embedding = embedding

    def __call__(self, inputs):
        return np.take(self.embedding, inputs, axis=0)

    def attend(self, query):
        return np.matmul(query, self.embedding.T)
