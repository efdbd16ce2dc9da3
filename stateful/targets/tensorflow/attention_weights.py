def attention_weights(query, key, bias=None, mask=None, scale=None, is_causal=False):
    """softmax(query . key * scale + bias) over the keys, masked where mask is False or 0
    or, with is_causal, above the diagonal: query (batch..., heads, q_length, head_dim),
    key (batch..., heads, kv_length, head_dim), heads first for tf.matmul. A masked logit
    becomes the dtype's minimum (not -inf: a row masked everywhere attends uniformly,
    as in JAX)."""
    if scale is None:
        scale = 1.0 / math.sqrt(query.shape[-1])
    logits = tf.matmul(query, key, transpose_b=True) * scale
    if bias is not None:
        logits = logits + bias
    keep = None if mask is None else tf.cast(mask, tf.bool)
    if is_causal:
        rows, cols = tf.shape(logits)[-2], tf.shape(logits)[-1]
        causal = tf.range(rows)[:, None] >= tf.range(cols)[None, :]
        keep = causal if keep is None else tf.logical_and(keep, causal)
    if keep is not None:
        logits = tf.where(keep, logits, logits.dtype.min)
    return tf.nn.softmax(logits, axis=-1)
