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
  Linear: "in_features, out_features, use_bias=True, rngs=None",
  Conv: "in_features, out_features, kernel_size, strides=1, padding='SAME', use_bias=True, rngs=None",
  LayerNorm: "num_features, epsilon=1e-06, use_bias=True, use_scale=True, rngs=None",
  // feature axis `axis` (last: channels-last); momentum is the running averages' decay, var the biased one
  BatchNorm: "num_features, use_running_average=False, axis=-1, momentum=0.99, epsilon=1e-05, use_bias=True, " +
    "use_scale=True, rngs=None",
  Embed: "num_embeddings, features, rngs=None",
  // q/k/v kernels (in, heads, head_dim), out kernel (heads, head_dim, out): Flax's LinearGeneral layouts
  MultiHeadAttention: "num_heads, in_features, qkv_features=None, out_features=None, num_kv_heads=None, " +
    "in_kv_features=None, use_bias=True, rngs=None",
  Dropout: "rate, deterministic=False, rngs=None",
  Sequential: "*layers",
  List: "items=()",
  // functions: inputs (batch..., length, heads, head_dim); masked logits become the dtype's minimum
  dot_product_attention: "query, key, value, bias=None, mask=None, scale=None, is_causal=False",
  // (*x.shape[:-1], 1, length, length): mask[..., i, j] = i >= j
  make_causal_mask: "x, extra_batch_dims=0, dtype=ivy.float32",
  // random streams: `Rngs(0)`, `Rngs(params=0, dropout=1)`; `rngs.params()` is a key
  Rngs: "default=None, params=None, dropout=None, noise=None",
  // keys: `jax.random.key(seed)` is a target generator; `split` gives new, independent ones
  random_key: "seed",
  random_split: "key, num=2",
  random_normal: "key, shape=(), dtype=None",
  random_uniform: "key, shape=(), dtype=None, minval=0.0, maxval=1.0",
} as const satisfies Record<string, string>;

/** The name of one stateful op. */
export type LayerOp = keyof typeof LAYER_OPS;

/** True for a stateful op name. */
export function isLayerOp(name: string): name is LayerOp {
  return Object.hasOwn(LAYER_OPS, name);
}
