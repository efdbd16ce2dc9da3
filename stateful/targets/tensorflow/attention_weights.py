def attention_weights(query, key, bias=None, mask=None, scale=None, is_causal=False):
    """softmax(query . key * scale + bias) over the keys, masked where mask is False or 0
    or, with is_causal, above the diagonal: query (batch..., q_length, heads, head_dim)
    and key (batch..., kv_length, heads, head_dim), as Flax lays them out, give weights
    (batch..., heads, q_length, kv_length). A masked logit becomes the dtype's minimum
    (not -inf: a row masked everywhere attends uniformly, as in JAX)."""
    if scale is None:
        scale = 1.0 / math.sqrt(query.shape[-1])
    logits = tf.einsum("...qhd,...khd->...hqk", query, key) * scale
    if bias is not None:
        logits = logits + bias
    keep = None if mask is None else tf.cast(mask, tf.bool)
    if is_causal:
        causal = tf.linalg.band_part(tf.ones(tf.shape(logits)[-2:], tf.bool), -1, 0)
        keep = causal if keep is None else tf.logical_and(keep, causal)
    if keep is not None:
        logits = tf.where(keep, logits, logits.dtype.min)
    return tf.nn.softmax(logits, axis=-1)
