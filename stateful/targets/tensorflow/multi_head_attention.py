class MultiHeadAttention(keras.Layer):
    """nnx.MultiHeadAttention as in Flax, with dropout on the attention weights, the
    autoregressive cache (decode=True after init_cache) and normalize_qk.

    query, key, value and out are LinearGeneral projections with Flax's names and
    layouts: the query, key and value kernels are (in_features, heads, head_dim), out's
    (heads, head_dim, out_features), every projection has a bias unless use_bias=False;
    normalize_qk adds query_ln and key_ln, LayerNorms without bias over head_dim;
    init_cache adds the cached_key, cached_value and cache_index Variables.
    load_flax_state copies them all as they are. inputs_k and inputs_v default to
    inputs_q; mask (True or nonzero where a query may attend to a key) broadcasts
    against (batch..., heads, q_length, kv_length); see dot_product_attention. Dropout
    zeroes attention weights with probability dropout_rate (one mask for every batch and
    head with broadcast_dropout) unless deterministic: the call's argument, else Keras'
    training flag (fit trains, predict and evaluate do not), else the constructor's;
    it draws from the rngs' dropout stream, and the numbers differ from JAX's.

    Keras gives a call argument named mask a meaning of its own (mask propagation), so
    call names it attention_mask; __call__ takes mask=, as Flax's does.

    kernel_init and bias_init draw the query, key and value projections' weights,
    out_kernel_init and out_bias_init (else kernel_init and bias_init) out's, as in Flax
    (LeCun normal and zeros by default)."""

    # __init__: stateful/targets/attention_init.ts

    def init_cache(self, input_shape, dtype=tf.float32):
        """Zero caches for inputs of input_shape (batch..., max_length, features)."""
        shape = (*input_shape[:-1], self.num_kv_heads, self.head_dim)
        with UnlockedState(self):
            self.cached_key = keras.Variable(
                tf.zeros(shape, dtype=dtype), trainable=False, name="cached_key"
            )
            self.cached_value = keras.Variable(
                tf.zeros(shape, dtype=dtype), trainable=False, name="cached_value"
            )
            self.cache_index = keras.Variable(
                tf.constant(0, dtype=tf.int32), trainable=False, name="cache_index"
            )

    def __call__(self, inputs_q, inputs_k=None, inputs_v=None, *, mask=None, **kwargs):
        return super().__call__(
            inputs_q,
            inputs_k=inputs_k,
            inputs_v=inputs_v,
            attention_mask=mask,
            **kwargs,
        )

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
        training=None,
    ):
        mask = attention_mask
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
            positions = tf.range(self.cached_key.shape[-3])
            here = (positions == self.cache_index)[:, None, None]
            self.cached_key.assign(tf.where(here, key, self.cached_key))
            self.cached_value.assign(tf.where(here, value, self.cached_value))
            key, value = tf.identity(self.cached_key), tf.identity(self.cached_value)
            filled = positions <= self.cache_index
            mask = (
                filled
                if mask is None
                else tf.logical_and(tf.cast(mask, tf.bool), filled)
            )
            self.cache_index.assign_add(1)
        if self.dropout_rate > 0.0:
            if deterministic is None:
                deterministic = self.deterministic if training is None else not training
            if deterministic is None:
                raise ValueError(
                    "deterministic must be given to MultiHeadAttention or its call when dropout_rate > 0"
                )
            if not deterministic:
                seed = self.seed_generator if rngs is None else rngs.dropout()
                return self.out(
                    self.dropout_attention(query, key, value, mask, is_causal, seed)
                )
        return self.out(
            dot_product_attention(query, key, value, mask=mask, is_causal=is_causal)
        )

    def dropout_attention(self, query, key, value, mask, is_causal, seed):
        """Attention whose softmax weights go through dropout, as Flax's
        dot_product_attention_weights applies it."""
        groups = query.shape[-2] // key.shape[-2]
        heads = [h // groups for h in range(query.shape[-2])]
        key, value = tf.gather(key, heads, axis=-2), tf.gather(value, heads, axis=-2)
        weights = attention_weights(query, key, mask=mask, is_causal=is_causal)
        shape = tf.shape(weights)
        if self.broadcast_dropout:
            shape = tf.concat(
                [tf.ones([len(query.shape) - 2], tf.int32), shape[-2:]], 0
            )
        kept = keras.random.uniform(shape, seed=seed) < 1.0 - self.dropout_rate
        weights = weights * tf.cast(kept, weights.dtype) / (1.0 - self.dropout_rate)
        return tf.einsum("...hqk,...khd->...qhd", weights, value)
