/**
 * The Keras target's attention helpers (`MultiHeadAttention`, `dot_product_attention`,
 * `make_causal_mask`) as Python source strings, until they move to `.py` files as
 * every other stateful helper of the target has (`tensorflow/*.py`, loaded in `tensorflow.ts`).
 *
 * @module
 */

/** The `multi_head_attention` helper's Python source. */
export const MULTI_HEAD_ATTENTION = `
class MultiHeadAttention(keras.Layer):
    """nnx.MultiHeadAttention as in Flax (decode=False, no dropout, normalize_qk=False).

    query, key, value and out are LinearGeneral projections with Flax's names and
    layouts: the query, key and value kernels are (in_features, heads, head_dim), out's
    (heads, head_dim, out_features), every projection has a bias unless use_bias=False,
    so load_flax_state copies them as they are. inputs_k and inputs_v default to
    inputs_q; mask (True or nonzero where a query may attend to a key) broadcasts
    against (batch..., heads, q_length, kv_length); see dot_product_attention.

    Keras gives a call argument named mask a meaning of its own (mask propagation), so
    call names it attention_mask; __call__ takes mask=, as Flax's does."""

    def __init__(
        self,
        num_heads,
        in_features,
        qkv_features=None,
        out_features=None,
        num_kv_heads=None,
        in_kv_features=None,
        use_bias=True,
    ):
        super().__init__()
        qkv_features = in_features if qkv_features is None else qkv_features
        out_features = in_features if out_features is None else out_features
        num_kv_heads = num_heads if num_kv_heads is None else num_kv_heads
        in_kv_features = in_features if in_kv_features is None else in_kv_features
        if qkv_features % num_heads or num_heads % num_kv_heads:
            raise ValueError("qkv_features must divide by num_heads, and num_heads by num_kv_heads")
        head_dim = qkv_features // num_heads
        self.query = LinearGeneral((in_features,), (num_heads, head_dim), use_bias)
        self.key = LinearGeneral((in_kv_features,), (num_kv_heads, head_dim), use_bias)
        self.value = LinearGeneral((in_kv_features,), (num_kv_heads, head_dim), use_bias)
        self.out = LinearGeneral((num_heads, head_dim), (out_features,), use_bias)

    def __call__(self, inputs_q, inputs_k=None, inputs_v=None, *, mask=None, **kwargs):
        return super().__call__(inputs_q, inputs_k=inputs_k, inputs_v=inputs_v, attention_mask=mask, **kwargs)

    def call(
        self,
        inputs_q,
        inputs_k=None,
        inputs_v=None,
        attention_mask=None,
        deterministic=None,
        rngs=None,
        decode=None,
        is_causal=False,
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
        return self.out(dot_product_attention(query, key, value, mask=attention_mask, is_causal=is_causal))
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
        key = tf.repeat(key, heads // kv_heads, axis=-2)
        value = tf.repeat(value, heads // kv_heads, axis=-2)
    if scale is None:
        scale = 1.0 / math.sqrt(query.shape[-1])
    logits = tf.einsum("...qhd,...khd->...hqk", query, key) * scale
    if bias is not None:
        logits = logits + bias
    keep = None if mask is None else tf.cast(mask, tf.bool)
    if is_causal:
        rows, cols = logits.shape[-2:]
        causal = tf.range(rows)[:, None] >= tf.range(cols)[None, :]
        keep = causal if keep is None else tf.logical_and(keep, causal)
    if keep is not None:
        logits = tf.where(keep, logits, logits.dtype.min)
    weights = tf.nn.softmax(logits, axis=-1)
    return tf.einsum("...hqk,...khd->...qhd", weights, value)
`;

/** The `make_causal_mask` helper's Python source. */
export const MAKE_CAUSAL_MASK = `
def make_causal_mask(x, extra_batch_dims=0, dtype=tf.float32):
    """nnx.make_causal_mask: (1,) * extra_batch_dims + x.shape[:-1] + (1, length, length),
    1 where the query position is at or after the key position; only x's shape is read."""
    length = x.shape[-1]
    positions = tf.range(length)
    mask = tf.cast(positions[:, None] >= positions[None, :], dtype)
    shape = (1,) * extra_batch_dims + tuple(x.shape[:-1]) + (1, length, length)
    return tf.broadcast_to(mask, shape)
`;
