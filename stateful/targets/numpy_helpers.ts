/**
 * The NumPy target's attention helpers (`MultiHeadAttention`, `dot_product_attention`,
 * `make_causal_mask`) as Python source strings, until they move to `.py` files as
 * every other stateful helper of the target has (`numpy/*.py`, loaded in `numpy.ts`).
 *
 * @module
 */

/** The `multi_head_attention` helper's Python source. */
export const MULTI_HEAD_ATTENTION = `
class MultiHeadAttention:
    """nnx.MultiHeadAttention as in Flax (decode=False, no dropout, normalize_qk=False).

    query, key, value and out are LinearGeneral projections with Flax's names and
    layouts: the query, key and value kernels are (in_features, heads, head_dim), out's
    (heads, head_dim, out_features), every projection has a bias unless use_bias=False.
    inputs_k and inputs_v default to inputs_q; mask (True or nonzero where a query may
    attend to a key) broadcasts against (batch..., heads, q_length, kv_length); see
    dot_product_attention."""

    def __init__(
        self,
        num_heads,
        in_features,
        qkv_features=None,
        out_features=None,
        num_kv_heads=None,
        in_kv_features=None,
        use_bias=True,
        rngs=None,
    ):
        qkv_features = in_features if qkv_features is None else qkv_features
        out_features = in_features if out_features is None else out_features
        num_kv_heads = num_heads if num_kv_heads is None else num_kv_heads
        in_kv_features = in_features if in_kv_features is None else in_kv_features
        if qkv_features % num_heads or num_heads % num_kv_heads:
            raise ValueError("qkv_features must divide by num_heads, and num_heads by num_kv_heads")
        head_dim = qkv_features // num_heads
        self.query = LinearGeneral((in_features,), (num_heads, head_dim), use_bias, rngs)
        self.key = LinearGeneral((in_kv_features,), (num_kv_heads, head_dim), use_bias, rngs)
        self.value = LinearGeneral((in_kv_features,), (num_kv_heads, head_dim), use_bias, rngs)
        self.out = LinearGeneral((num_heads, head_dim), (out_features,), use_bias, rngs)

    def __call__(
        self, inputs_q, inputs_k=None, inputs_v=None, *, mask=None, deterministic=None, rngs=None, decode=None, is_causal=False
    ):
        # without dropout, deterministic and rngs change nothing
        if decode:
            raise NotImplementedError("decode=True (the autoregressive cache) is not supported")
        if inputs_k is None:
            if inputs_v is not None:
                raise ValueError("inputs_k cannot be None if inputs_v is not None")
            inputs_k = inputs_q
        if inputs_v is None:
            inputs_v = inputs_k
        query, key, value = self.query(inputs_q), self.key(inputs_k), self.value(inputs_v)
        return self.out(dot_product_attention(query, key, value, mask=mask, is_causal=is_causal))
`;

/** The `dot_product_attention` helper's Python source. */
export const DOT_PRODUCT_ATTENTION = `
def dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False):
    """jax.nn.dot_product_attention on (batch..., length, heads, head_dim) inputs.

    logits = query . key * scale (1 / sqrt(head_dim) by default) + bias; where mask is
    False or 0, or above the diagonal with is_causal, a logit becomes the dtype's
    minimum (not -inf: a row masked everywhere attends uniformly, as in JAX); softmax
    over the keys weighs value. With fewer key/value heads than query heads, each
    serves a run of consecutive query heads."""
    heads, kv_heads = query.shape[-2], key.shape[-2]
    if heads != kv_heads:
        key = np.repeat(key, heads // kv_heads, axis=-2)
        value = np.repeat(value, heads // kv_heads, axis=-2)
    if scale is None:
        scale = 1.0 / math.sqrt(query.shape[-1])
    logits = np.einsum("...qhd,...khd->...hqk", query, key) * scale
    if bias is not None:
        logits = logits + bias
    keep = None if mask is None else np.asarray(mask) != 0
    if is_causal:
        rows, cols = logits.shape[-2:]
        causal = np.arange(rows)[:, None] >= np.arange(cols)[None, :]
        keep = causal if keep is None else keep & causal
    if keep is not None:
        logits = np.where(keep, logits, np.finfo(logits.dtype).min)
    weights = np.exp(logits - np.max(logits, axis=-1, keepdims=True))
    weights = weights / np.sum(weights, axis=-1, keepdims=True)
    return np.einsum("...hqk,...khd->...qhd", weights, value)
`;

/** The `make_causal_mask` helper's Python source. */
export const MAKE_CAUSAL_MASK = `
def make_causal_mask(x, extra_batch_dims=0, dtype=np.float32):
    """nnx.make_causal_mask: (1,) * extra_batch_dims + x.shape[:-1] + (1, length, length),
    1 where the query position is at or after the key position; only x's shape is read."""
    length = np.shape(x)[-1]
    positions = np.arange(length)
    mask = (positions[:, None] >= positions[None, :]).astype(dtype)
    shape = (1,) * extra_batch_dims + tuple(np.shape(x)[:-1]) + (1, length, length)
    return np.broadcast_to(mask, shape).copy()
`;
