import keras


def flax_params(layer, path=()):
    """(Flax path, variable) of each trainable variable of layer, found through its
    attributes, lists and dicts of sublayers: Keras' Dense and Embedding keep their kernel
    and embeddings as _kernel and _embeddings behind properties; embeddings is Flax's
    embedding."""
    if isinstance(layer, dict):
        items = layer.items()
    elif isinstance(layer, (list, tuple)):
        items = enumerate(layer)
    else:
        items = vars(layer).items()
    found = []
    for key, value in items:
        key = str(key)
        if isinstance(value, keras.Variable):
            name = key.lstrip("_")
            if value.trainable and (name == key or getattr(layer, name, None) is value):
                found.append(
                    ((*path, "embedding" if name == "embeddings" else name), value)
                )
        elif not key.startswith("_") and isinstance(
            value, (keras.Layer, list, tuple, dict)
        ):
            found.extend(flax_params(value, (*path, key)))
    return found
