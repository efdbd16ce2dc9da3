def cov(x, ddof=1):
    """jnp.cov: the covariance of the rows of x (a 1-D x is one variable: a 0-d
    result)."""
    rows = tf.reshape(x, [1, -1]) if x.shape.rank == 1 else x
    deviations = rows - tf.reduce_mean(rows, axis=1, keepdims=True)
    products = tf.matmul(deviations, deviations, transpose_b=True)
    return tf.squeeze(products / (rows.shape[1] - ddof))
