import torch


class Dropout(torch.nn.Module):
    """nnx.Dropout: zeroes each input with probability rate and scales the rest by
    1 / (1 - rate), unless deterministic (here or per call). model.eval() and
    model.train() set deterministic, as Flax's do."""

    def __init__(self, rate, deterministic=False, rngs=None):
        super().__init__()
        self.rate = rate
        self.deterministic = deterministic
        self.generator = None if rngs is None else rngs.dropout()

    def train(self, mode=True):
        self.deterministic = not mode
        return super().train(mode)

    def forward(self, x, deterministic=None, rngs=None):
        if deterministic is None:
            deterministic = self.deterministic
        if deterministic or self.rate == 0.0:
            return x
        if self.rate == 1.0:
            return torch.zeros_like(x)
        generator = self.generator if rngs is None else rngs.dropout()
        keep = torch.rand(x.shape, generator=generator) >= self.rate
        return torch.where(keep, x / (1.0 - self.rate), torch.zeros_like(x))
