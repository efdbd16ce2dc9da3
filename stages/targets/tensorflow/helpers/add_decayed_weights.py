def add_decayed_weights(grads, params, weight_decay):
    """optax.add_decayed_weights on a list of gradients: plus weight_decay times
    the variable at the same place of params."""
    return [g + weight_decay * p for g, p in zip(grads, params, strict=True)]
