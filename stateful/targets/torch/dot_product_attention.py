import torch


def dot_product_attention(
    query, key, value, bias=None, mask=None, scale=None, is_causal=False
):
    """jax.nn.dot_product_attention on (batch..., length, heads, head_dim) inputs, with
    torch.nn.functional.scaled_dot_product_attention.

    logits = query . key * scale (1 / sqrt(head_dim) by default) + bias; where mask is
    False or 0, or above the diagonal with is_causal, a logit becomes the dtype's
    minimum (an additive float mask at finfo.min, not a bool one, whose -inf would make
    a row masked everywhere differ: as in JAX, it attends uniformly, and no gradient
    reaches its logits, though torch's CPU kernel gives value a gradient of its own
    from such a row); softmax over the keys weighs value. With fewer key/value heads
    than query heads, each serves a run of consecutive query heads (enable_gqa)."""
    query, key, value = (
        query.transpose(-2, -3),
        key.transpose(-2, -3),
        value.transpose(-2, -3),
    )
    keep = None if mask is None else mask if mask.dtype == torch.bool else mask != 0
    if is_causal and (keep is not None or bias is not None):
        causal = torch.ones(query.shape[-2], key.shape[-2], dtype=torch.bool).tril()
        keep = causal if keep is None else keep & causal
        is_causal = False
    if keep is not None:
        fill = torch.finfo(query.dtype).min
        bias = torch.where(keep, 0.0 if bias is None else bias, fill)
        if bias.dtype != query.dtype:
            bias = bias.to(query.dtype)
        if torch.is_grad_enabled() and (query.requires_grad or key.requires_grad):
            # a row masked everywhere: zero logits, so that no gradient reaches them
            query = query * keep.any(-1, keepdim=True).to(query.dtype)
    # a literal enable_gqa (torch.compile would pass a comparison of shapes as a SymBool)
    if query.shape[-3] != key.shape[-3]:
        y = torch.nn.functional.scaled_dot_product_attention(
            query,
            key,
            value,
            attn_mask=bias,
            is_causal=is_causal,
            scale=scale,
            enable_gqa=True,
        )
    else:
        y = torch.nn.functional.scaled_dot_product_attention(
            query, key, value, attn_mask=bias, is_causal=is_causal, scale=scale
        )
    return y.transpose(-2, -3)
