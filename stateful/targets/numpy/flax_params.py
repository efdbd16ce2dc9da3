import numpy as np


def flax_params(layer, path=()):
    """(Flax path, owner, attribute) of each parameter of layer: an array attribute of a
    layer (under Flax's name) or a Param's value, found through attributes, lists and
    dicts of sublayers; random streams are left out."""
    if isinstance(layer, dict):
        items, arrays = layer.items(), False
    elif isinstance(layer, (list, tuple)):
        items, arrays = enumerate(layer), False
    else:
        items, arrays = vars(layer).items(), True
    found = []
    for key, value in items:
        key = str(key)
        if key.startswith("_") or key == "rngs":
            continue
        if isinstance(value, np.ndarray) and arrays:
            found.append(((*path, key), layer, key))
        elif any(c.__name__ == "Param" for c in type(value).__mro__):
            found.append(((*path, key), value, "value"))
        elif hasattr(value, "__dict__") or isinstance(value, (list, tuple, dict)):
            found.extend(flax_params(value, (*path, key)))
    return found
