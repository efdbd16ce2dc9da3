import torch

from .function import Function


class Sequential(torch.nn.Module):
    """nnx.Sequential: applies its layers in order, each output the next input.

    The layers live in self.layers, as in Flax; a plain function becomes a Function."""

    def __init__(self, *layers):
        super().__init__()
        self.layers = torch.nn.ModuleList()
        for layer in layers:
            if not isinstance(layer, torch.nn.Module):
                layer = Function(layer)
            self.layers.append(layer)

    def forward(self, x):
        for layer in self.layers:
            # a plain function directly, without the Module call of its Function
            x = layer.fn(x) if type(layer) is Function else layer(x)
        return x
