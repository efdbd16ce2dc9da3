def dot_product_attention(
    query, key, value, bias=None, mask=None, scale=None, is_causal=False
):
    """jax.nn.dot_product_attention on (batch..., length, heads, head_dim) inputs: see
    attention_weights (scale 1 / sqrt(head_dim) by default). With fewer key/value heads
    than query heads, each serves a run of consecutive query heads."""
    groups = query.shape[-2] // key.shape[-2]
    query, key, value = (np.swapaxes(x, -2, -3) for x in (query, key, value))
    if groups > 1:
        key, value = np.repeat(key, groups, axis=-3), np.repeat(value, groups, axis=-3)
    weights = attention_weights(query, key, bias, mask, scale, is_causal)
    return np.swapaxes(weights @ value, -2, -3)
