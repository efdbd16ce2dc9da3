def svd(x, full_matrices=True):
    """jnp.linalg.svd: (u, s, vh) with x = u @ diag(s) @ vh (tf.linalg.svd gives s, u,
    v)."""
    s, u, v = tf.linalg.svd(x, full_matrices=full_matrices)
    return u, s, tf.linalg.adjoint(v)
