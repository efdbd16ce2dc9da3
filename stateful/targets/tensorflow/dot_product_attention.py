def dot_product_attention(
    query, key, value, bias=None, mask=None, scale=None, is_causal=False
):
    """jax.nn.dot_product_attention on (batch..., length, heads, head_dim) inputs: see
    attention_weights (scale 1 / sqrt(head_dim) by default). With fewer key/value heads
    than query heads, each serves a run of consecutive query heads (one tf.gather: a
    tf.repeat is many ops)."""
    groups = query.shape[-2] // key.shape[-2]
    if groups > 1:
        heads = [h // groups for h in range(query.shape[-2])]
        key, value = tf.gather(key, heads, axis=-2), tf.gather(value, heads, axis=-2)
    weights = attention_weights(query, key, bias, mask, scale, is_causal)
    return tf.einsum("...hqk,...khd->...qhd", weights, value)
