import numpy as np


def orthogonal(key, n, m=None, dtype=np.float32):
    """jax.random.orthogonal: an (n, m) matrix (m None: n) with orthonormal columns (rows
    when n < m), drawn as JAX does: the Q of a standard normal's QR decomposition, each
    column's sign that of R's diagonal entry, transposed when n < m."""
    m = n if m is None else m
    z = key.standard_normal((max(n, m), min(n, m)), dtype=dtype)
    q, r = np.linalg.qr(z)
    q = q * np.sign(np.diagonal(r))
    return q.T if n < m else q
