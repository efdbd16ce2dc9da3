def corrcoef(x):
    """jnp.corrcoef: the covariance of the rows of x over the outer product of their
    standard deviations, clipped to [-1, 1]."""
    c = cov(x)
    d = tf.sqrt(tf.linalg.diag_part(c))
    return tf.clip_by_value(c / (d[:, None] * d[None, :]), -1.0, 1.0)
