from .flax_arrays import flax_arrays


def flax_targets(model, src):
    """(owner, name, array, path) for each Variable of a Flax nnx.Module or nnx.State:
    the object of model that holds the last name of the Flax path, found by attribute,
    key (dicts) or index (lists). A list of layers met where the Flax path goes on
    with a name holds the layers of a Module built under nnx.vmap (scan over layers):
    each layer gets its slice of the array's leading (layer) axis."""
    targets = []
    for path, value in flax_arrays(src):
        targets.extend(_targets(model, path, value, path))
    return targets


def _targets(owner, keys, value, path):
    *parents, name = keys
    for i, key in enumerate(parents):
        if _stacked(owner, key):
            return _layers(owner, keys[i:], value, path)
        if isinstance(owner, dict) or key.isdigit():
            owner = owner[key if isinstance(owner, dict) else int(key)]
        else:
            owner = getattr(owner, key)
    if _stacked(owner, name):
        return _layers(owner, [name], value, path)
    return [(owner, name, value, path)]


def _stacked(owner, key):
    """A list of layers where the Flax path names an attribute of one layer."""
    return (
        not isinstance(owner, dict)
        and not key.isdigit()
        and not hasattr(owner, key)
        and hasattr(owner, "__len__")
    )


def _layers(layers, keys, value, path):
    if len(layers) != value.shape[0]:
        raise ValueError("layer count mismatch at " + ".".join(path))
    targets = []
    for layer, part in zip(layers, value):
        targets.extend(_targets(layer, keys, part, path))
    return targets
