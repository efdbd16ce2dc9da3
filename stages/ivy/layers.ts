/**
 * The ivy ops over state: Flax NNX's layers, Variables, `Rngs`, and random
 * draws from an `Rngs` stream, each with its signature. They appear in the
 * ivy IR next to the array ops of `ops.ts` (`self.fc = ivy.Linear(2, 3,
 * use_bias=True, rngs=rngs)`) and are written for each target by
 * `stateful/lower.ts`, not by the array-op tables. Semantics are Flax's:
 * kernels are channels-last (`Linear` (in, out), `Conv` (*window, in, out)),
 * `Conv`'s `"SAME"` padding puts the smaller half of an odd total before.
 * `dot_product_attention` and `make_causal_mask` are functions, written as
 * target helpers here because `MultiHeadAttention` uses them.
 *
 * @module
 */

/** Stateful op name to its Python signature (defaults are Flax's). */
export const LAYER_OPS = {
  // the base classes, referenced as `ivy.Module` / `ivy.Variable` and called as `ivy.Param(value)`
  Module: "",
  Variable: "value",
  Param: "value",
  BatchStat: "value",
  Cache: "value",
  Intermediate: "value",
  // layers: constructors; calling the attribute applies the layer
  // initializers (`kernel_init`, ...): `lambda key, shape, dtype: ...` of Flax's layouts; None is Flax's default
  Linear: "in_features, out_features, use_bias=True, kernel_init=None, bias_init=None, rngs=None",
  // the input's last len(in_features) axes (an int is one) contracted with kernel (*in_features, *out_features)
  LinearGeneral: "in_features, out_features, use_bias=True, kernel_init=None, bias_init=None, rngs=None",
  // lhs (input) and rhs (kernel) dilation as in `lax.conv_general_dilated`; kernel (*window, in // groups, out)
  Conv: "in_features, out_features, kernel_size, strides=1, padding='SAME', input_dilation=1, kernel_dilation=1, " +
    "feature_group_count=1, use_bias=True, kernel_init=None, bias_init=None, rngs=None",
  // `lax.conv_transpose`: the input dilated by `strides`, padding for 'SAME'/'VALID' as JAX computes it, kernel
  // (*window, in, out), or (*window, out, in) flipped and swapped with `transpose_kernel`
  ConvTranspose: "in_features, out_features, kernel_size, strides=None, padding='SAME', kernel_dilation=None, " +
    "use_bias=True, transpose_kernel=False, kernel_init=None, bias_init=None, rngs=None",
  LayerNorm: "num_features, epsilon=1e-06, use_bias=True, use_scale=True, scale_init=None, bias_init=None, rngs=None",
  // over the last axis: x * rsqrt(mean(x²) + epsilon) * scale
  RMSNorm: "num_features, epsilon=1e-06, use_scale=True, scale_init=None, rngs=None",
  // channels-last; statistics per example and group over every axis but the first (batch) one, E[x²]−E[x]²
  GroupNorm: "num_features, num_groups=32, group_size=None, epsilon=1e-06, use_bias=True, use_scale=True, " +
    "scale_init=None, bias_init=None, rngs=None",
  // feature axis `axis` (last: channels-last); momentum is the running averages' decay, var the biased one
  BatchNorm: "num_features, use_running_average=False, axis=-1, momentum=0.99, epsilon=1e-05, use_bias=True, " +
    "use_scale=True, scale_init=None, bias_init=None, rngs=None",
  Embed: "num_embeddings, features, embedding_init=None, rngs=None",
  // wrappers: before each call, layer_instance's kernels (Flax's layout) become l2-normalized over the axes but
  // feature_axes, times `scales` (ones, or scale_init's); SpectralNorm's parameters of 2 axes or more become
  // themselves over their largest singular value (power iteration from `batch_stats` u, kept when update_stats).
  // Both write the new values into the layer, as Flax does; the statistics are named by the Flax path joined by "_"
  WeightNorm: "layer_instance, feature_axes=-1, use_scale=True, scale_init=None, epsilon=1e-12, rngs=None",
  SpectralNorm: "layer_instance, n_steps=1, epsilon=1e-12, update_stats=True, rngs=None",
  // einsum(einsum_str, x, kernel) + bias (bias_shape) broadcast over the output axes the kernel does not name
  Einsum: "einsum_str, kernel_shape, bias_shape=None, kernel_init=None, bias_init=None, rngs=None",
  // x @ lora_a (in, rank) @ lora_b (rank, out), plus base_module(x)
  LoRA: "in_features, lora_rank, out_features, base_module=None, a_initializer=None, b_initializer=None, rngs=None",
  // a Linear (kernel (in, out)) plus `lora`, a LoRA of the same input
  LoRALinear: "in_features, out_features, lora_rank, use_bias=True, kernel_init=None, bias_init=None, " +
    "a_initializer=None, b_initializer=None, rngs=None",
  // q/k/v kernels (in, heads, head_dim), out kernel (heads, head_dim, out): Flax's LinearGeneral layouts
  // dropout on the attention weights (`deterministic` as Dropout's), `decode` after `init_cache(shape)`,
  // `normalize_qk`: LayerNorms without bias over head_dim as query_ln and key_ln
  MultiHeadAttention: "num_heads, in_features, qkv_features=None, out_features=None, num_kv_heads=None, " +
    "in_kv_features=None, use_bias=True, dropout_rate=0.0, broadcast_dropout=True, deterministic=None, decode=None, " +
    "normalize_qk=False, kernel_init=None, out_kernel_init=None, bias_init=None, out_bias_init=None, rngs=None",
  Dropout: "rate, deterministic=False, rngs=None",
  // recurrent cells: `cell(carry, x)` gives (new carry, output); `cell.initialize_carry(shape)` zeros of
  // (*shape[:-1], hidden_features); LSTM carries (memory, output), gates i, f, g, o; GRU r, z, n
  SimpleCell: "in_features, hidden_features, residual=False, activation_fn=ivy.tanh, " +
    "kernel_init=None, recurrent_kernel_init=None, bias_init=None, rngs=None",
  LSTMCell: "in_features, hidden_features, gate_fn=ivy.sigmoid, activation_fn=ivy.tanh, " +
    "kernel_init=None, recurrent_kernel_init=None, bias_init=None, rngs=None",
  OptimizedLSTMCell: "in_features, hidden_features, gate_fn=ivy.sigmoid, activation_fn=ivy.tanh, " +
    "kernel_init=None, recurrent_kernel_init=None, bias_init=None, rngs=None",
  GRUCell: "in_features, hidden_features, gate_fn=ivy.sigmoid, activation_fn=ivy.tanh, " +
    "kernel_init=None, recurrent_kernel_init=None, bias_init=None, rngs=None",
  // a cell over the time axis (second to last, or first when time_major); seq_lengths as Flax's RNN takes them
  RNN: "cell, time_major=False, return_carry=False, reverse=False, keep_order=False",
  // `_concatenate` (Flax's default merge_fn): the two directions' outputs concatenated on the last axis
  Bidirectional: "forward_rnn, backward_rnn, merge_fn=_concatenate, time_major=False, return_carry=False",
  Sequential: "*layers",
  List: "items=()",
  // a mapping of names to layers (or arrays on the targets that allow them)
  Dict: "items=None",
  // functions: inputs (batch..., length, heads, head_dim); masked logits become the dtype's minimum
  dot_product_attention: "query, key, value, bias=None, mask=None, scale=None, is_causal=False",
  // pooling (flax.linen.pooling) over the window axes of (batch..., *window, features), `lax.reduce_window`'s
  // padding: 'SAME' puts the smaller half before; padded entries never win a max/min, and count in an average
  // unless `count_include_pad=False`
  avg_pool: "inputs, window_shape, strides=None, padding='VALID', count_include_pad=True",
  max_pool: "inputs, window_shape, strides=None, padding='VALID'",
  min_pool: "inputs, window_shape, strides=None, padding='VALID'",
  // (*x.shape[:-1], 1, length, length): mask[..., i, j] = i >= j
  make_causal_mask: "x, extra_batch_dims=0, dtype=ivy.float32",
  // random streams: `Rngs(0)`, `Rngs(params=0, dropout=1)`; `rngs.params()` is a key
  Rngs: "default=None, params=None, dropout=None, noise=None",
  // keys: `jax.random.key(seed)` is a target generator; `split` gives new, independent ones
  random_key: "seed",
  random_split: "key, num=2",
  random_normal: "key, shape=(), dtype=None",
  random_uniform: "key, shape=(), dtype=None, minval=0.0, maxval=1.0",
  // bool; `shape=None` is p's shape
  random_bernoulli: "key, p=0.5, shape=None",
  // int32 indices along `axis`, drawn with probabilities softmax(logits)
  random_categorical: "key, logits, axis=-1",
  random_randint: "key, shape, minval, maxval, dtype=None",
  // an int x: a shuffled int32 range(x); an array: shuffled along `axis`
  random_permutation: "key, x, axis=0",
  random_truncated_normal: "key, lower, upper, shape=None, dtype=None",
  // an (n, m) matrix (m None: n) with orthonormal columns (rows when n < m), Haar-distributed
  random_orthogonal: "key, n, m=None, dtype=None",
} as const satisfies Record<string, string>;

/** The name of one stateful op. */
export type LayerOp = keyof typeof LAYER_OPS;

/** True for a stateful op name. */
export function isLayerOp(name: string): name is LayerOp {
  return Object.hasOwn(LAYER_OPS, name);
}
