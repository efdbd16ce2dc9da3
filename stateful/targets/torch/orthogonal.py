import torch


def orthogonal(key, n, m=None, dtype=torch.float32):
    """jax.random.orthogonal: an (n, m) matrix (m None: n) with orthonormal columns (rows
    when n < m), drawn as JAX does: the Q of a standard normal's QR decomposition, each
    column's sign that of R's diagonal entry, transposed when n < m."""
    m = n if m is None else m
    z = torch.randn((max(n, m), min(n, m)), generator=key, dtype=dtype)
    q, r = torch.linalg.qr(z)
    q = q * torch.sign(torch.diagonal(r))
    return q.T if n < m else q
