import torch


class Function(torch.nn.Module):
    """A plain function as a layer, so that torch.nn.ModuleList can hold it."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, *args, **kwargs):
        return self.fn(*args, **kwargs)
