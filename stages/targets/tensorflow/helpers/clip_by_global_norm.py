def clip_by_global_norm(grads, params, max_norm):
    """optax.clip_by_global_norm on a list of gradients: each scaled by
    max_norm / their global norm when that norm is not below max_norm."""
    norm = global_norm(grads)
    return [tf.where(norm < max_norm, g, (g / norm) * max_norm) for g in grads]
