def make_causal_mask(x, extra_batch_dims=0, dtype=tf.float32):
    """nnx.make_causal_mask: (1,) * extra_batch_dims + x.shape[:-1] + (1, length, length),
    1 where the query position is at or after the key position; only x's shape is read."""
    length = x.shape[-1]
    mask = tf.linalg.band_part(tf.ones((length, length), dtype), -1, 0)
    shape = (1,) * extra_batch_dims + tuple(x.shape[:-1]) + (1, length, length)
    return tf.broadcast_to(mask, shape)
