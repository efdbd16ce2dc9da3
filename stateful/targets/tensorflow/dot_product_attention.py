def dot_product_attention(
    query, key, value, bias=None, mask=None, scale=None, is_causal=False
):
    """jax.nn.dot_product_attention on (batch..., length, heads, head_dim) inputs: see
    attention_weights (scale 1 / sqrt(head_dim) by default). With fewer key/value heads
    than query heads, each serves a run of consecutive query heads."""
    rank = len(query.shape)
    heads_first = [*range(rank - 3), rank - 2, rank - 3, rank - 1]
    groups = query.shape[-2] // key.shape[-2]
    query, key, value = (tf.transpose(x, heads_first) for x in (query, key, value))
    if groups > 1:
        key, value = tf.repeat(key, groups, axis=-3), tf.repeat(value, groups, axis=-3)
    weights = attention_weights(query, key, bias, mask, scale, is_causal)
    return tf.transpose(tf.matmul(weights, value), heads_first)
