import torch


class Embed(torch.nn.Embedding):
    """nnx.Embed: a torch.nn.Embedding with Flax's attend(query) = query @ embedding.T;
    embedding_init (init(key, shape)) draws the initial rows where given."""

    def __init__(self, num_embeddings, features, embedding_init=None):
        super().__init__(num_embeddings, features)
        if embedding_init is not None:
            with torch.no_grad():
                self.weight.copy_(embedding_init(None, (num_embeddings, features)))

    def attend(self, query):
        return torch.matmul(query, self.weight.T)
