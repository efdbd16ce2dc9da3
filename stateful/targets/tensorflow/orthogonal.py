import keras
import tensorflow as tf


def orthogonal(key, n, m=None, dtype=tf.float32):
    """jax.random.orthogonal: an (n, m) matrix (m None: n) with orthonormal columns (rows
    when n < m), drawn as JAX does: the Q of a standard normal's QR decomposition, each
    column's sign that of R's diagonal entry, transposed when n < m."""
    m = n if m is None else m
    z = keras.random.normal((max(n, m), min(n, m)), dtype=dtype, seed=key)
    q, r = tf.linalg.qr(z)
    q = q * tf.sign(tf.linalg.diag_part(r))
    return tf.transpose(q) if n < m else q
