def set_attributes(layer, **attributes):
    """nnx.Module.set_attributes: each attribute set on every nested layer (this one
    included) that has it, as Flax's model.train() and model.eval() do. A layer's call
    argument still wins, then Keras' training flag, then the attribute."""
    for sublayer in layer._flatten_layers():
        for name, value in attributes.items():
            if hasattr(sublayer, name):
                setattr(sublayer, name, value)
