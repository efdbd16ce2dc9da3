class MultiHeadAttention(torch.nn.Module):
    """nnx.MultiHeadAttention as in Flax, with dropout on the attention weights, the
    autoregressive cache (decode=True after init_cache) and normalize_qk.

    query, key, value and out are LinearGeneral projections with Flax's names and
    layouts (not torch.nn.MultiheadAttention's packed in_proj_weight): the query, key
    and value kernels are (in_features, heads, head_dim), out's (heads, head_dim,
    out_features), every projection has a bias unless use_bias=False; normalize_qk adds
    query_ln and key_ln, LayerNorms without bias over head_dim; init_cache adds the
    cached_key, cached_value and cache_index buffers. load_flax_state copies them all as
    they are. inputs_k and inputs_v default to inputs_q; mask (True or nonzero where a
    query may attend to a key) broadcasts against (batch..., heads, q_length,
    kv_length); see dot_product_attention. Dropout zeroes attention weights with
    probability dropout_rate (one mask for every batch and head with broadcast_dropout)
    unless deterministic (the call's, else the constructor's; model.eval() and
    model.train() set it), drawing from the rngs' dropout stream; the numbers differ
    from JAX's.

    kernel_init and bias_init draw the query, key and value projections' weights,
    out_kernel_init and out_bias_init (else kernel_init and bias_init) out's, as in Flax
    (LeCun normal and zeros by default)."""

    # __init__: stateful/targets/attention_init.ts

    def train(self, mode=True):
        self.deterministic = not mode
        return super().train(mode)

    def init_cache(self, input_shape, dtype=torch.float32):
        """Zero caches for inputs of input_shape (batch..., max_length, features)."""
        shape = (*input_shape[:-1], self.num_kv_heads, self.head_dim)
        self.cached_key = torch.nn.Buffer(torch.zeros(shape, dtype=dtype))
        self.cached_value = torch.nn.Buffer(torch.zeros(shape, dtype=dtype))
        self.cache_index = torch.nn.Buffer(torch.tensor(0, dtype=torch.int32))

    def forward(
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
            at = self.cache_index.long().reshape(1)
            self.cached_key.index_copy_(-3, at, key)
            self.cached_value.index_copy_(-3, at, value)
            key, value = self.cached_key.clone(), self.cached_value.clone()
            filled = (torch.arange(key.shape[-3]) <= self.cache_index)[None, :]
            mask = filled if mask is None else (mask != 0) & filled
            self.cache_index += 1
        if self.dropout_rate > 0.0:
            if deterministic is None:
                deterministic = self.deterministic
            if deterministic is None:
                raise ValueError(
                    "deterministic must be given to MultiHeadAttention or its call when dropout_rate > 0"
                )
            if not deterministic:
                generator = self.generator if rngs is None else rngs.dropout()
                return self.out(
                    self.dropout_attention(
                        query, key, value, mask, is_causal, generator
                    )
                )
        return self.out(
            dot_product_attention(query, key, value, mask=mask, is_causal=is_causal)
        )

    def dropout_attention(self, query, key, value, mask, is_causal, generator):
        """Attention whose softmax weights go through dropout, as Flax's
        dot_product_attention_weights applies it."""
        groups = query.shape[-2] // key.shape[-2]
        key = torch.repeat_interleave(key, groups, dim=-2)
        value = torch.repeat_interleave(value, groups, dim=-2)
        logits = torch.einsum(
            "...qhd,...khd->...hqk", query / math.sqrt(query.shape[-1]), key
        )
        keep = None if mask is None else mask != 0
        if is_causal:
            causal = torch.ones(logits.shape[-2:], dtype=torch.bool).tril()
            keep = causal if keep is None else keep & causal
        if keep is not None:
            logits = torch.where(keep, logits, torch.finfo(logits.dtype).min)
        weights = torch.softmax(logits, dim=-1)
        shape = (
            (*(1,) * (weights.ndim - 2), *weights.shape[-2:])
            if self.broadcast_dropout
            else weights.shape
        )
        kept = torch.rand(shape, generator=generator) < 1.0 - self.dropout_rate
        weights = weights * kept / (1.0 - self.dropout_rate)
        return torch.einsum("...hqk,...khd->...qhd", weights, value)
