import torch


def flax_params(layer):
    """(Flax path, torch name, permutation to Flax's layout) of each parameter of layer.

    A layer's 2-D or larger weight is Flax's kernel ((*window, in, out) is torch's
    (out, in, *window)), an Embedding's weight Flax's embedding (the same layout),
    a 1-D weight a norm's scale; other names are Flax's already."""
    params = []
    for name, param in layer.named_parameters():
        *parents, attr = name.split(".")
        order = tuple(range(param.ndim))
        if attr == "weight":
            owner = layer.get_submodule(".".join(parents))
            if isinstance(owner, torch.nn.Embedding):
                attr = "embedding"
            elif param.ndim >= 2:
                attr, order = "kernel", (*range(2, param.ndim), 1, 0)
            else:
                attr = "scale"
        params.append(((*parents, attr), name, order))
    return params
