def add_decayed_weights(grads, params, weight_decay):
    """optax.add_decayed_weights on a dict name -> gradient: plus weight_decay
    times the parameter of that name."""
    return {name: g + weight_decay * params[name] for name, g in grads.items()}
