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
 * `ConvTranspose` follows `lax.conv_transpose` (the input dilated by the
 * strides, `'SAME'`/`'VALID'` padding as JAX computes it for the transposed
 * convolution, `transpose_kernel` flipping and swapping the kernel);
 * `RMSNorm` and `GroupNorm` keep Flax's statistics (GroupNorm's variance
 * E[x²]−E[x]² clipped at 0). The pooling functions are `flax.linen`'s,
 * which `flax.nnx` re-exports; `stages/jax_frontend/tables/linen.ts` has
 * the `flax.linen` names real NNX files import.
 *
 * Arguments the targets cannot express (custom initializers, dtypes other
 * than float32, dilations, masks) must keep their defaults; initializers do
 * not change results once `load_flax_state` copies Flax's weights.
 *
 * @module
 */
import type { ApiTable, Lowering } from "../api.ts";
import type { Expr } from "../../ast.ts";
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

/** Padding strings the targets compute as Flax does; `'CIRCULAR'`, `'CAUSAL'` and the rest are not. */
const PADDINGS = new Set(["SAME", "VALID"]);

/** `float32Only`, plus: a literal padding string must be `'SAME'` or `'VALID'`. */
function checked(names: readonly string[], template: string): Lowering {
  return (a) => {
    const padding = a.get("padding");
    if (padding?.kind === "Constant" && typeof padding.value === "string" && !PADDINGS.has(padding.value)) {
      return `error: only 'SAME', 'VALID' and explicit padding are supported, not \`padding='${padding.value}'\``;
    }
    return float32Only(names, template)(a);
  };
}

/** Sharding metadata of a layer's Variables: nothing on one device. */
const METADATA = ["kernel_metadata", "bias_metadata", "scale_metadata"];

/**
 * True when LinearGeneral's `axis` contracts the input's last axes, one per
 * entry of `in_features`: `-1` for an int (or unknown) `in_features`, else
 * the literal `(-n, ..., -1)` for a literal n-tuple.
 */
function trailingAxes(a: ReadonlyMap<string, Expr>): boolean {
  const features = a.get("in_features");
  const n = features?.kind === "Tuple" ? features.elts.length : 1;
  const axis = a.get("axis");
  if (axis === undefined) return n === 1;
  const trailing = Array.from({ length: n }, (_, k) => String(k - n));
  const text = printExpr(axis);
  return text === `(${trailing.join(", ")}${n === 1 ? "," : ""})` || (n === 1 && text === "-1");
}

/** The signature the pooling functions share (flax/linen/pooling.py). */
const POOL_SIG = "inputs, window_shape, strides=None, padding='VALID'";

/** Variable constructors: only the value; sharding and hijax options do not change values. */
const VARIABLE = {
  sig: "value, *, hijax=None, ref=None, eager_sharding=None",
  ignored: ["hijax", "ref", "eager_sharding"],
  // `**metadata`: `nnx.Param(w, sharding=("tp", None))`, `shd=...`
  metadata: true,
  returns: "variable",
} as const;

/**
 * The activations `flax.nnx` and `flax.linen` re-export from `jax.nn` (and
 * `jax.numpy.tanh`), as aliases (flax/nnx/nn/activations.py, flax/linen/activation.py).
 */
export const ACTIVATIONS: ApiTable = Object.fromEntries([
  ...["elu", "gelu", "leaky_relu", "log_sigmoid", "log_softmax", "logsumexp", "one_hot", "relu", "sigmoid"]
    .map((n) => [n, { alias: `jax.nn.${n}` }]),
  ...["silu", "softmax", "softplus", "standardize", "swish"].map((n) => [n, { alias: `jax.nn.${n}` }]),
  ["tanh", { alias: "jax.numpy.tanh" }],
]);

/** The `flax.nnx` table. */
export const nnxTable: ApiTable = {
  Module: { sig: "", ivy: "ivy.Module", returns: "callable" },
  Variable: { ...VARIABLE, ivy: "ivy.Variable(value)" },
  Param: { ...VARIABLE, ivy: "ivy.Param(value)" },
  BatchStat: { ...VARIABLE, ivy: "ivy.BatchStat(value)" },
  // Non-trainable state a model writes in `__call__`: a KV cache and its index, sown intermediates.
  Cache: { ...VARIABLE, ivy: "ivy.Cache(value)" },
  Intermediate: { ...VARIABLE, ivy: "ivy.Intermediate(value)" },
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
  LinearGeneral: {
    sig: "in_features, out_features, *, axis=-1, batch_axis=FrozenDict({}), use_bias=True, dtype=None, " +
      "param_dtype=ivy.float32, kernel_init=default_kernel_init, bias_init=default_bias_init, precision=None, " +
      "promote_dtype=promote_dtype, dot_general=None, dot_general_cls=None, preferred_element_type=None, rngs, " +
      "kernel_metadata=None, bias_metadata=None",
    ivy: (a) => {
      const template = "ivy.LinearGeneral(in_features, out_features, use_bias=use_bias, rngs=rngs)";
      return trailingAxes(a) ? float32Only(["dtype", "param_dtype", "preferred_element_type"], template)(a) : (
        "error: only `axis` naming the trailing axes, one per entry of `in_features` (`axis=-1`, " +
        "`axis=(-2, -1)`), is supported"
      );
    },
    ignored: ["dtype", "param_dtype", "preferred_element_type", "precision", "axis", ...METADATA],
    returns: "module",
  },
  Conv: {
    sig: "in_features, out_features, kernel_size, strides=1, *, padding='SAME', input_dilation=1, " +
      "kernel_dilation=1, feature_group_count=1, use_bias=True, mask=None, dtype=None, param_dtype=ivy.float32, " +
      "precision=None, kernel_init=default_kernel_init, bias_init=default_bias_init, " +
      "conv_general_dilated=conv_general_dilated, promote_dtype=promote_dtype, preferred_element_type=None, rngs, " +
      "kernel_metadata=None, bias_metadata=None",
    ivy: checked(
      ["dtype", "param_dtype", "preferred_element_type"],
      "ivy.Conv(in_features, out_features, kernel_size, strides=strides, padding=padding, " +
        "input_dilation=input_dilation, kernel_dilation=kernel_dilation, feature_group_count=feature_group_count, " +
        "use_bias=use_bias, rngs=rngs)",
    ),
    ignored: ["dtype", "param_dtype", "preferred_element_type", "precision", ...METADATA],
    returns: "module",
  },
  ConvTranspose: {
    sig: "in_features, out_features, kernel_size, strides=None, *, padding='SAME', kernel_dilation=None, " +
      "use_bias=True, mask=None, dtype=None, param_dtype=ivy.float32, precision=None, " +
      "kernel_init=default_kernel_init, bias_init=default_bias_init, transpose_kernel=False, " +
      "promote_dtype=promote_dtype, preferred_element_type=None, rngs, kernel_metadata=None, bias_metadata=None",
    ivy: checked(
      ["dtype", "param_dtype", "preferred_element_type"],
      "ivy.ConvTranspose(in_features, out_features, kernel_size, strides=strides, padding=padding, " +
        "kernel_dilation=kernel_dilation, use_bias=use_bias, transpose_kernel=transpose_kernel, rngs=rngs)",
    ),
    ignored: ["dtype", "param_dtype", "preferred_element_type", "precision", ...METADATA],
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
  RMSNorm: {
    sig: "num_features, *, epsilon=1e-06, dtype=None, param_dtype=ivy.float32, use_scale=True, " +
      "scale_init=default_scale_init, reduction_axes=-1, feature_axes=-1, axis_name=None, axis_index_groups=None, " +
      "use_fast_variance=True, promote_dtype=promote_dtype, rngs, scale_metadata=None",
    ivy: float32Only(
      ["dtype", "param_dtype"],
      "ivy.RMSNorm(num_features, epsilon=epsilon, use_scale=use_scale, rngs=rngs)",
    ),
    // RMSNorm has no mean to subtract: use_fast_variance changes nothing.
    ignored: ["dtype", "param_dtype", "use_fast_variance", ...METADATA],
    returns: "module",
  },
  GroupNorm: {
    sig: "num_features, num_groups=32, group_size=None, *, epsilon=1e-06, dtype=None, param_dtype=ivy.float32, " +
      "use_bias=True, use_scale=True, bias_init=default_bias_init, scale_init=default_scale_init, " +
      "reduction_axes=None, axis_name=None, axis_index_groups=None, use_fast_variance=True, " +
      "promote_dtype=promote_dtype, rngs, bias_metadata=None, scale_metadata=None",
    ivy: float32Only(
      ["dtype", "param_dtype"],
      "ivy.GroupNorm(num_features, num_groups=num_groups, group_size=group_size, epsilon=epsilon, " +
        "use_bias=use_bias, use_scale=use_scale, rngs=rngs)",
    ),
    // use_fast_variance only changes rounding: E[x²]−E[x]² against E[(x−E[x])²].
    ignored: ["dtype", "param_dtype", "use_fast_variance", ...METADATA],
    returns: "module",
  },
  InstanceNorm: {
    sig: "num_features, *, epsilon=1e-06, dtype=None, param_dtype=ivy.float32, use_bias=True, use_scale=True, " +
      "bias_init=default_bias_init, scale_init=default_scale_init, feature_axes=-1, axis_name=None, " +
      "axis_index_groups=None, use_fast_variance=True, promote_dtype=promote_dtype, rngs, bias_metadata=None, " +
      "scale_metadata=None",
    // statistics per example and feature over the other axes: GroupNorm with groups of one feature
    ivy: float32Only(
      ["dtype", "param_dtype"],
      "ivy.GroupNorm(num_features, num_groups=None, group_size=1, epsilon=epsilon, use_bias=use_bias, " +
        "use_scale=use_scale, rngs=rngs)",
    ),
    ignored: ["dtype", "param_dtype", "use_fast_variance", ...METADATA],
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
    ivy: float32Only(
      ["dtype", "param_dtype"],
      "ivy.MultiHeadAttention(num_heads, in_features, qkv_features=qkv_features, out_features=out_features, " +
        "num_kv_heads=num_kv_heads, in_kv_features=in_kv_features, use_bias=use_bias, dropout_rate=dropout_rate, " +
        "broadcast_dropout=broadcast_dropout, deterministic=deterministic, decode=decode, normalize_qk=normalize_qk, " +
        "rngs=rngs)",
    ),
    // keep_rngs=False leaves the dropout stream to the call's `rngs`, which the helpers take too.
    ignored: ["dtype", "param_dtype", "precision", "keep_rngs"],
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
  avg_pool: {
    sig: POOL_SIG + ", count_include_pad=True",
    ivy: checked(
      [],
      "ivy.avg_pool(inputs, window_shape, strides=strides, padding=padding, count_include_pad=count_include_pad)",
    ),
  },
  max_pool: { sig: POOL_SIG, ivy: checked([], "ivy.max_pool(inputs, window_shape, strides=strides, padding=padding)") },
  min_pool: { sig: POOL_SIG, ivy: checked([], "ivy.min_pool(inputs, window_shape, strides=strides, padding=padding)") },
  // the transformations whose meaning on the targets is the plain function (see the `jax` table)
  jit: { alias: "jax.jit" },
  remat: { alias: "jax.checkpoint" },
  // pytree annotations of attributes: the value itself (its kind is the value's, `stages/jax/analysis.ts`)
  data: { sig: "value, /", ivy: "value", returns: "python" },
  // sharding metadata on an initializer: the initializer itself on one device
  with_partitioning: {
    sig: "initializer, sharding, mesh=None",
    ivy: "initializer",
    ignored: ["mesh"],
    metadata: true,
    returns: "callable",
  },
  static: { sig: "value, /", ivy: "value", returns: "python" },
  ...ACTIVATIONS,
};
