def attention_weights(query, key, bias=None, mask=None, scale=None, is_causal=False):
    """softmax(query . key * scale + bias) over the keys, masked where mask is False or 0
    or, with is_causal, above the diagonal: query (batch..., heads, q_length, head_dim),
    key (batch..., heads, kv_length, head_dim), heads first for matmul (BLAS). A masked
    logit becomes the dtype's minimum (not -inf: a row masked everywhere attends
    uniformly, as in JAX)."""
    if scale is None:
        scale = 1.0 / math.sqrt(query.shape[-1])
    logits = (query @ np.swapaxes(key, -1, -2)) * scale
    if bias is not None:
        logits = logits + bias
    keep = None if mask is None else np.asarray(mask) != 0
    if is_causal:
        causal = np.tri(*logits.shape[-2:], dtype=bool)
        keep = causal if keep is None else keep & causal
    if keep is not None:
        logits = np.where(keep, logits, np.finfo(logits.dtype).min)
    weights = np.exp(logits - np.max(logits, axis=-1, keepdims=True))
    weights /= np.sum(weights, axis=-1, keepdims=True)
    return weights
