import keras


def substituted_call(layer, values, *args, **kwargs):
    """layer(*args, **kwargs) reading each (variable, value) pair's value for its variable,
    so that gradients flow through the values; the layer's own assignments still happen."""
    with keras.StatelessScope(state_mapping=values) as scope:
        y = layer(*args, **kwargs)
    substituted = {id(variable) for variable, _ in values}
    for variable in layer.variables:
        value = scope.get_current_value(variable)
        if value is not None and id(variable) not in substituted:
            variable.assign(value)
    return y
