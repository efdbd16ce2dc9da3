import torch


class Embed(torch.nn.Embedding):
    """nnx.Embed: a torch.nn.Embedding with Flax's attend(query) = query @ embedding.T."""

    def attend(self, query):
        return torch.matmul(query, self.weight.T)
