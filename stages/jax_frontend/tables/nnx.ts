/**
 * `flax.nnx`: Modules, Variables, layers and the activations it re-exports
 * (flax/nnx/nn/{linear,normalization,stochastic}.py, flax/nnx/helpers.py,
 * flax/nnx/variablelib.py, flax/nnx/rnglib.py). Layers lower to the
 * stateful ivy ops of `stages/ivy/layers.ts`, which the target stage turns
 * into target classes.
 *
 * `BatchNorm` keeps Flax's momentum (the decay of the running averages) and
 * biased running variance on every target (`stateful/targets/*.ts`).
 *
 * `MultiHeadAttention` keeps Flax's parameter names and layouts (q/k/v
 * kernels (in, heads, head_dim), out kernel (heads, head_dim, out)) on every
 * target, with `decode=False`, no dropout and `normalize_qk=False` only.
 *
 * Arguments the targets cannot express (custom initializers, dtypes other
 * than float32, dilations, masks) must keep their defaults; initializers do
 * not change results once `load_flax_state` copies Flax's weights.
 *
 * @module
 */
import type { ApiTable, Lowering } from "../api.ts";
import { printExpr } from "../../print.ts";
import { isNone } from "../../literals.ts";

/** Arguments that must be None or float32: the targets compute layers in float32. */
function float32Only(names: readonly string[], template: string): Lowering {
  return (a) => {
    for (const name of names) {
      const e = a.get(name);
      if (!isNone(e) && printExpr(e!) !== "ivy.float32") return `error: only float32 is supported for \`${name}\``;
    }
    return template;
  };
}

/** Variable constructors: only the value; sharding and hijax options do not change values. */
const VARIABLE = {
  sig: "value, *, hijax=None, ref=None, eager_sharding=None",
  ignored: ["hijax", "ref", "eager_sharding"],
  // `**metadata`: `nnx.Param(w, sharding=("tp", None))`, `shd=...`
  metadata: true,
  returns: "variable",
} as const;

/** The `flax.nnx` table. */
export const nnxTable: ApiTable = {
  Module: { sig: "", ivy: "ivy.Module", returns: "callable" },
  Variable: { ...VARIABLE, ivy: "ivy.Variable(value)" },
  Param: { ...VARIABLE, ivy: "ivy.Param(value)" },
  BatchStat: { ...VARIABLE, ivy: "ivy.BatchStat(value)" },
  Rngs: {
    sig: "default=None, /, *, params=None, dropout=None, noise=None",
    ivy: (a) => {
      const given = ["params", "dropout", "noise"].filter((s) => !isNone(a.get(s))).map((s) => `${s}=${s}`);
      return `ivy.Rngs(${[...(isNone(a.get("default")) ? [] : ["default"]), ...given].join(", ")})`;
    },
    returns: "rngs",
  },
  Linear: {
    sig: "in_features, out_features, *, use_bias=True, dtype=None, param_dtype=ivy.float32, precision=None, " +
      "kernel_init=default_kernel_init, bias_init=default_bias_init, dot_general=dot_general, " +
      "promote_dtype=promote_dtype, preferred_element_type=None, rngs, kernel_metadata=None, bias_metadata=None",
    ivy: float32Only(
      ["dtype", "param_dtype", "preferred_element_type"],
      "ivy.Linear(in_features, out_features, use_bias=use_bias, rngs=rngs)",
    ),
    ignored: ["dtype", "param_dtype", "preferred_element_type", "precision"],
    returns: "module",
  },
  Conv: {
    sig: "in_features, out_features, kernel_size, strides=1, *, padding='SAME', input_dilation=1, " +
      "kernel_dilation=1, feature_group_count=1, use_bias=True, mask=None, dtype=None, param_dtype=ivy.float32, " +
      "precision=None, kernel_init=default_kernel_init, bias_init=default_bias_init, " +
      "conv_general_dilated=conv_general_dilated, promote_dtype=promote_dtype, preferred_element_type=None, rngs, " +
      "kernel_metadata=None, bias_metadata=None",
    ivy: float32Only(
      ["dtype", "param_dtype", "preferred_element_type"],
      "ivy.Conv(in_features, out_features, kernel_size, strides=strides, padding=padding, use_bias=use_bias, " +
        "rngs=rngs)",
    ),
    ignored: ["dtype", "param_dtype", "preferred_element_type", "precision"],
    returns: "module",
  },
  LayerNorm: {
    sig: "num_features, *, epsilon=1e-06, dtype=None, param_dtype=ivy.float32, use_bias=True, use_scale=True, " +
      "bias_init=default_bias_init, scale_init=default_scale_init, reduction_axes=-1, feature_axes=-1, " +
      "axis_name=None, axis_index_groups=None, use_fast_variance=True, promote_dtype=promote_dtype, rngs, " +
      "bias_metadata=None, scale_metadata=None",
    ivy: float32Only(
      ["dtype", "param_dtype"],
      "ivy.LayerNorm(num_features, epsilon=epsilon, use_bias=use_bias, use_scale=use_scale, rngs=rngs)",
    ),
    // use_fast_variance only changes rounding: E[x²]−E[x]² against E[(x−E[x])²].
    ignored: ["dtype", "param_dtype", "use_fast_variance"],
    returns: "module",
  },
  BatchNorm: {
    sig: "num_features, *, use_running_average=False, axis=-1, momentum=0.99, epsilon=1e-05, dtype=None, " +
      "param_dtype=ivy.float32, use_bias=True, use_scale=True, bias_init=default_bias_init, " +
      "scale_init=default_scale_init, axis_name=None, axis_index_groups=None, use_fast_variance=True, " +
      "promote_dtype=promote_dtype, rngs, bias_metadata=None, scale_metadata=None",
    ivy: float32Only(
      ["dtype", "param_dtype"],
      "ivy.BatchNorm(num_features, use_running_average=use_running_average, axis=axis, momentum=momentum, " +
        "epsilon=epsilon, use_bias=use_bias, use_scale=use_scale, rngs=rngs)",
    ),
    // use_fast_variance only changes rounding: E[x²]−E[x]² against E[(x−E[x])²].
    ignored: ["dtype", "param_dtype", "use_fast_variance"],
    returns: "module",
  },
  Embed: {
    sig: "num_embeddings, features, *, dtype=None, param_dtype=ivy.float32, embedding_init=default_embed_init, " +
      "promote_dtype=promote_dtype, rngs, embedding_metadata=None",
    ivy: float32Only(["dtype", "param_dtype"], "ivy.Embed(num_embeddings, features, rngs=rngs)"),
    ignored: ["dtype", "param_dtype"],
    returns: "module",
  },
  MultiHeadAttention: {
    sig: "num_heads, in_features, qkv_features=None, out_features=None, num_kv_heads=None, in_kv_features=None, *, " +
      "dtype=None, param_dtype=ivy.float32, broadcast_dropout=True, dropout_rate=0.0, deterministic=None, " +
      "precision=None, kernel_init=default_kernel_init, out_kernel_init=None, bias_init=default_bias_init, " +
      "out_bias_init=None, use_bias=True, attention_fn=dot_product_attention, decode=None, normalize_qk=False, " +
      "qkv_promote_dtype=promote_dtype, out_promote_dtype=promote_dtype, ln_promote_dtype=promote_dtype, " +
      "qkv_dot_general=None, out_dot_general=None, qkv_dot_general_cls=None, out_dot_general_cls=None, rngs, " +
      "keep_rngs=True, kernel_metadata=None, out_kernel_metadata=None, bias_metadata=None, " +
      "out_bias_metadata=None, query_ln_scale_metadata=None, key_ln_scale_metadata=None",
    ivy: (a) => {
      const literal = (name: string, ...allowed: string[]) => {
        const e = a.get(name);
        return e === undefined || allowed.includes(printExpr(e));
      };
      if (!literal("decode", "None", "False")) {
        return "error: only `decode=False` is supported (no autoregressive cache)";
      }
      if (!literal("dropout_rate", "0.0", "0", "0.")) return "error: only `dropout_rate=0.0` is supported";
      if (!literal("normalize_qk", "False")) return "error: only `normalize_qk=False` is supported";
      return float32Only(
        ["dtype", "param_dtype"],
        "ivy.MultiHeadAttention(num_heads, in_features, qkv_features=qkv_features, out_features=out_features, " +
          "num_kv_heads=num_kv_heads, in_kv_features=in_kv_features, use_bias=use_bias, rngs=rngs)",
      )(a);
    },
    // Without dropout, `deterministic` and the kept dropout stream change nothing; `decode` is checked above
    // (None fails at call time in Flax unless the call passes `decode=False`).
    ignored: ["dtype", "param_dtype", "precision", "deterministic", "keep_rngs", "broadcast_dropout", "decode"],
    returns: "module",
  },
  make_causal_mask: {
    sig: "x, extra_batch_dims=0, dtype=ivy.float32",
    ivy: "ivy.make_causal_mask(x, extra_batch_dims=extra_batch_dims, dtype=dtype)",
  },
  dot_product_attention: {
    sig: "query, key, value, bias=None, mask=None, broadcast_dropout=True, dropout_rng=None, dropout_rate=0.0, " +
      "deterministic=False, dtype=None, precision=None, module=None, promote_dtype=promote_dtype, is_causal=False",
    ivy: float32Only(
      ["dtype"],
      "ivy.dot_product_attention(query, key, value, bias=bias, mask=mask, is_causal=is_causal)",
    ),
    // Without dropout (`dropout_rate` must keep its 0.0) these change nothing.
    ignored: ["broadcast_dropout", "dropout_rng", "deterministic", "dtype", "precision"],
  },
  Dropout: {
    sig: "rate, *, broadcast_dims=(), deterministic=False, rng_collection='dropout', rngs=None",
    ivy: "ivy.Dropout(rate, deterministic=deterministic, rngs=rngs)",
    returns: "module",
  },
  Sequential: { sig: "*fns", ivy: "ivy.Sequential(*fns)", returns: "module" },
  List: {
    sig: "it=None, /",
    ivy: (a) => (isNone(a.get("it")) ? "ivy.List()" : "ivy.List(it)"),
    returns: "modules",
  },
  // the transformations whose meaning on the targets is the plain function (see the `jax` table)
  jit: { alias: "jax.jit" },
  remat: { alias: "jax.checkpoint" },
  // pytree annotations of attributes: the value itself (its kind is the value's, `stages/jax/analysis.ts`)
  data: { sig: "value, /", ivy: "value", returns: "python" },
  static: { sig: "value, /", ivy: "value", returns: "python" },
  relu: { alias: "jax.nn.relu" },
  gelu: { alias: "jax.nn.gelu" },
  silu: { alias: "jax.nn.silu" },
  sigmoid: { alias: "jax.nn.sigmoid" },
  tanh: { alias: "jax.numpy.tanh" },
  softmax: { alias: "jax.nn.softmax" },
  log_softmax: { alias: "jax.nn.log_softmax" },
  one_hot: { alias: "jax.nn.one_hot" },
};
