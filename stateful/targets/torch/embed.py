import math

import torch


class Embed(torch.nn.Embedding):
    """nnx.Embed: a torch.nn.Embedding with Flax's attend(query) = query @ embedding.T,
    whose rows start from embedding_init(key, shape), by default Flax's normal of
    standard deviation 1 / sqrt(features), drawn from rngs."""

    def __init__(self, num_embeddings, features, embedding_init=None, rngs=None):
        super().__init__(num_embeddings, features)
        key = None if rngs is None else rngs.params()
        with torch.no_grad():
            if embedding_init is None:
                self.weight.normal_(0.0, 1 / math.sqrt(features), generator=key)
            else:
                self.weight.copy_(embedding_init(key, (num_embeddings, features)))

    def attend(self, query):
        return torch.matmul(query, self.weight.T)
