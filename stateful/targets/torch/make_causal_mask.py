def make_causal_mask(x, extra_batch_dims=0, dtype=torch.float32):
    """nnx.make_causal_mask: (1,) * extra_batch_dims + x.shape[:-1] + (1, length, length),
    1 where the query position is at or after the key position; only x's shape is read.
    The result is a broadcast view of one (length, length) matrix."""
    length = x.shape[-1]
    mask = torch.ones(length, length, dtype=dtype).tril()
    return mask.expand(*(1,) * extra_batch_dims, *x.shape[:-1], 1, length, length)
