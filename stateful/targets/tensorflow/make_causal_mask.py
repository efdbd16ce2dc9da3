def make_causal_mask(x, extra_batch_dims=0, dtype=tf.float32):
    """nnx.make_causal_mask: (1,) * extra_batch_dims + x.shape[:-1] + (1, length, length),
    1 where the query position is at or after the key position; only x's shape is read."""
    length = x.shape[-1]
    positions = tf.range(length)
    mask = tf.cast(positions[:, None] >= positions[None, :], dtype)
    shape = (1,) * extra_batch_dims + tuple(x.shape[:-1]) + (1, length, length)
    return tf.broadcast_to(mask, shape)
