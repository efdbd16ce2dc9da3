def make_causal_mask(x, extra_batch_dims=0, dtype=np.float32):
    """nnx.make_causal_mask: (1,) * extra_batch_dims + x.shape[:-1] + (1, length, length),
    1 where the query position is at or after the key position; only x's shape is read.
    The result is a read-only broadcast view of one (length, length) matrix."""
    length = np.shape(x)[-1]
    shape = (1,) * extra_batch_dims + tuple(np.shape(x)[:-1]) + (1, length, length)
    return np.broadcast_to(np.tri(length, dtype=dtype), shape)
