class MultiHeadAttention:
    """nnx.MultiHeadAttention as in Flax, with dropout on the attention weights, the
    autoregressive cache (decode=True after init_cache) and normalize_qk.

    query, key, value and out are LinearGeneral projections with Flax's names and
    layouts: the query, key and value kernels are (in_features, heads, head_dim), out's
    (heads, head_dim, out_features), every projection has a bias unless use_bias=False;
    normalize_qk adds query_ln and key_ln, LayerNorms without bias over head_dim;
    init_cache adds the cached_key, cached_value and cache_index Caches. inputs_k and inputs_v
    default to inputs_q; mask (True or nonzero where a query may attend to a key)
    broadcasts against (batch..., heads, q_length, kv_length); see
    dot_product_attention. Dropout zeroes attention weights with probability
    dropout_rate (one mask for every batch and head with broadcast_dropout) unless
    deterministic (the call's, else the constructor's), drawing from the rngs' dropout
    stream; the numbers differ from JAX's.

    kernel_init and bias_init draw the query, key and value projections' weights,
    out_kernel_init and out_bias_init (else kernel_init and bias_init) out's, as in Flax
    (LeCun normal and zeros by default)."""

    # __init__: stateful/targets/attention_init.ts

    def init_cache(self, input_shape, dtype=np.float32):
        """Zero caches for inputs of input_shape (batch..., max_length, features)."""
        shape = (*input_shape[:-1], self.num_kv_heads, self.head_dim)
        self.cached_key = Cache(np.zeros(shape, dtype=dtype))
        self.cached_value = Cache(np.zeros(shape, dtype=dtype))
        self.cache_index = Cache(np.asarray(0, dtype=np.int32))

    def __call__(
        self,
        inputs_q,
        inputs_k=None,
        inputs_v=None,
        *,
        mask=None,
        deterministic=None,
        rngs=None,
        decode=None,
        is_causal=False,
    ):
        if inputs_k is None:
            if inputs_v is not None:
                raise ValueError("inputs_k cannot be None if inputs_v is not None")
            inputs_k = inputs_q
        if inputs_v is None:
            inputs_v = inputs_k
        query, key, value = (
            self.query(inputs_q),
            self.key(inputs_k),
            self.value(inputs_v),
        )
        if self.query_ln is not None:
            query, key = self.query_ln(query), self.key_ln(key)
        if self.decode if decode is None else decode:
            if self.cache_index is None:
                raise ValueError(
                    "Autoregressive cache not initialized, call init_cache first"
                )
            if key.shape[-3] != 1:
                raise ValueError("decode=True takes one position at a time")
            # the new key and value at position cache_index, then attend to positions <= it
            index = int(self.cache_index.value)
            for cache, new in ((self.cached_key, key), (self.cached_value, value)):
                # a copy: arrays read from the cache before stay as they were
                cache.value = cache.value.copy()
                cache.value[..., index, :, :] = new[..., 0, :, :]
            key, value = self.cached_key.value, self.cached_value.value
            filled = np.arange(key.shape[-3]) <= index
            mask = filled if mask is None else (np.asarray(mask) != 0) & filled
            self.cache_index.value = np.asarray(index + 1, dtype=np.int32)
        if self.dropout_rate > 0.0:
            if deterministic is None:
                deterministic = self.deterministic
            if deterministic is None:
                raise ValueError(
                    "deterministic must be given to MultiHeadAttention or its call when dropout_rate > 0"
                )
            if not deterministic:
                rng = self.rng if rngs is None else rngs.dropout()
                return self.out(
                    self.dropout_attention(query, key, value, mask, is_causal, rng)
                )
        return self.out(
            dot_product_attention(query, key, value, mask=mask, is_causal=is_causal)
        )

    def dropout_attention(self, query, key, value, mask, is_causal, rng):
        """Attention whose softmax weights go through dropout, as Flax's
        dot_product_attention_weights applies it."""
        groups = query.shape[-2] // key.shape[-2]
        query, key, value = (np.swapaxes(x, -2, -3) for x in (query, key, value))
        key, value = np.repeat(key, groups, axis=-3), np.repeat(value, groups, axis=-3)
        weights = attention_weights(query, key, mask=mask, is_causal=is_causal)
        shape = (
            (*(1,) * (weights.ndim - 2), *weights.shape[-2:])
            if self.broadcast_dropout
            else weights.shape
        )
        kept = rng.random(shape) < 1.0 - self.dropout_rate
        weights = weights * kept / np.float32(1.0 - self.dropout_rate)
        return np.swapaxes(weights @ value, -2, -3)
