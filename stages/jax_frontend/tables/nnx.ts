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
 * `Einsum`, `LoRA` and `LoRALinear` keep Flax's parameter names and layouts
 * (`kernel` (kernel_shape), `lora_a` (in, rank), `lora_b` (rank, out)); a
 * `LoRAParam` is a trainable Param on the targets. The initializers of
 * `Linear`, `Einsum`, `LoRA`, `LoRALinear`, `Conv`, `ConvTranspose`,
 * `Embed` and the norms are passed on (called with Flax's shapes);
 * `LinearGeneral`, `MultiHeadAttention` and the recurrent cells accept theirs
 * with a warning, as they do not change results once `load_flax_state`
 * copies Flax's weights. Arguments the
 * targets cannot express (dtypes other than float32, masks) must keep their
 * defaults.
 *
 * @module
 */
import type { ApiRow, ApiTable, Lowering } from "../api.ts";
import type { Expr } from "../../ast.ts";
import { printExpr } from "../../print.ts";
import { isNone } from "../../literals.ts";
import { NNX_STATE_ROWS } from "./nnx_training.ts";

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

/**
 * `template` (a call) with the initializer arguments among `names` that the
 * call gives (not Flax's `default_...` ones) passed on: the targets' layers
 * draw those weights with them.
 */
function withInitializers(names: readonly string[], template: string): string {
  return names.length ? `${template.slice(0, -1)}, ${names.map((n) => `${n}=${n}`).join(", ")})` : template;
}

/** The initializer arguments among `names` that a call gives. */
function givenInitializers(a: ReadonlyMap<string, Expr>, names: readonly string[]): string[] {
  return names.filter((n) => {
    const e = a.get(n);
    return !isNone(e) && !printExpr(e!).startsWith("default_");
  });
}

/** A lowering: `lowering`'s template, with the initializers among `names` that the call gives. */
function initialized(names: readonly string[], lowering: Lowering): Lowering {
  return (a) => {
    const text = typeof lowering === "string" ? lowering : lowering(a);
    return text.startsWith("error:") ? text : withInitializers(givenInitializers(a, names), text);
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

/** The initializers of a kernel and its bias, and of LoRA's two matrices. */
const KERNEL_INITS = ["kernel_init", "bias_init"];
/** The initializers of a norm's scale and bias. */
const NORM_INITS = ["scale_init", "bias_init"];
const LORA_INITS = ["a_initializer", "b_initializer"];

/** LoRA's sharding metadata: nothing on one device. */
const LORA_METADATA = ["a_metadata", "b_metadata"];

/**
 * `float32Only`, plus: `lora_param_type` is `nnx.LoRAParam` or `nnx.Param`,
 * which are both trainable Params on the targets.
 */
function loraParams(names: readonly string[], template: string): Lowering {
  return (a) => {
    const type = a.get("lora_param_type");
    if (type && !["LoRAParam", "ivy.Param"].includes(printExpr(type))) {
      return "error: only `lora_param_type=nnx.LoRAParam` or `nnx.Param` is supported";
    }
    return float32Only(names, template)(a);
  };
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

/** The arguments of `nnx.grad` and `nnx.value_and_grad` (flax/nnx/transforms/autodiff.py). */
const AUTODIFF_SIG =
  "f, *, argnums=0, has_aux=False, holomorphic=False, allow_int=False, reduce_axes=(), graph=None, graph_updates=None";

/** True for the filter `nnx.Param`, the only one the targets differentiate (their trainable parameters). */
const isParamFilter = (e?: Expr): boolean => e !== undefined && /(^|\.)Param$/.test(printExpr(e));

/** `nnx.Optimizer`'s signature. */
const OPTIMIZER_SIG = "model, tx, *, wrt, graph=None";

/** An `nnx.Optimizer` lowering over the model's trainable parameters (`wrt=nnx.Param`). */
const overParams = (template: string): Lowering => (a) =>
  // (`wrt` is required: absent only where scripts/coverage.ts asks which core ops the row calls)
  !a.has("wrt") || isParamFilter(a.get("wrt"))
    ? template
    : "error: only `wrt=nnx.Param` is supported (the targets' optimizers update their trainable parameters)";

/**
 * `nnx.Optimizer` in a module whose optax transforms are functional ones (it calls a transform's `init` /
 * `update`, or builds one no target optimizer class computes, such as `optax.lion`): an optimizer class that
 * keeps `tx.init` of the model's parameters and adds `tx.update`'s updates to them. Numerically checked by
 * tests/python/test_training.py (`TRANSFORM_OPTIMIZERS`, the `nnx_lion` / `nnx_multi_steps` fixtures).
 */
export const nnxFunctionalTable: ApiTable = {
  Optimizer: { sig: OPTIMIZER_SIG, ivy: overParams("ivy.nnx_transform_optimizer(model, tx)"), returns: "python" },
};

/** A recurrent cell's initializers: its input kernels', its recurrent kernels', and the bias'. */
const CELL_INITS = ["kernel_init", "recurrent_kernel_init", "bias_init"];
/**
 * Their defaults in the cells' signatures. Flax's are LeCun normal, orthogonal (`LSTMCell`'s
 * `modified_orthogonal` is the same draw) and zeros; the targets' cells draw those when given none.
 */
const CELL_INIT_DEFAULTS =
  "kernel_init=default_kernel_init, recurrent_kernel_init=default_recurrent_kernel_init, bias_init=default_bias_init";

/**
 * Arguments of the recurrent cells that change no value of a loaded cell: sharding metadata, and
 * `keep_rngs` (a kept stream only feeds the carry initializer, zeros unless one is given).
 */
const RECURRENT_IGNORED = ["keep_rngs", "kernel_metadata", "recurrent_kernel_metadata", "bias_metadata"];

/**
 * The row of an LSTM or GRU cell (flax/nnx/nn/recurrent.py).
 *
 * @param op The cell's name.
 * @param carry A carry for 3 examples of 2 hidden features, for the checks.
 * @returns The row; its checks are the zero carry and a step's output shape (the weights differ until
 *   `load_flax_state`: the values are checked by `tests/python/test_models.py`).
 */
function cellRow(op: string, carry: string): ApiRow {
  const cell = `nnx.${op}(4, 2, rngs=nnx.Rngs(0))`;
  return {
    sig: "in_features, hidden_features, *, gate_fn=ivy.sigmoid, activation_fn=ivy.tanh, " +
      `${CELL_INIT_DEFAULTS}, dtype=None, ` +
      "param_dtype=ivy.float32, carry_init=None, promote_dtype=promote_dtype, keep_rngs=False, rngs, " +
      "kernel_metadata=None, recurrent_kernel_metadata=None, bias_metadata=None",
    ivy: initialized(
      CELL_INITS,
      float32Only(
        ["dtype", "param_dtype"],
        `ivy.${op}(in_features, hidden_features, gate_fn=gate_fn, activation_fn=activation_fn, rngs=rngs)`,
      ),
    ),
    ignored: ["dtype", "param_dtype", ...RECURRENT_IGNORED],
    returns: "module",
    checks: [`${cell}.initialize_carry(x.shape, nnx.Rngs(0))`, `jnp.zeros(${cell}(${carry}, x)[1].shape)`],
  };
}

/** The `flax.nnx` table. */
export const nnxTable: ApiTable = {
  Module: { sig: "", ivy: "ivy.Module", returns: "callable" },
  Variable: { ...VARIABLE, ivy: "ivy.Variable(value)" },
  Param: { ...VARIABLE, ivy: "ivy.Param(value)" },
  BatchStat: { ...VARIABLE, ivy: "ivy.BatchStat(value)" },
  // Non-trainable state a model writes in `__call__`: a KV cache and its index, sown intermediates.
  Cache: { ...VARIABLE, ivy: "ivy.Cache(value)" },
  Intermediate: { ...VARIABLE, ivy: "ivy.Intermediate(value)" },
  // a Param subclass (flax/nnx/nn/lora.py): trainable, a Param on the targets
  LoRAParam: { ...VARIABLE, ivy: "ivy.Param(value)" },
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
    ivy: initialized(
      KERNEL_INITS,
      float32Only(
        ["dtype", "param_dtype", "preferred_element_type"],
        "ivy.Linear(in_features, out_features, use_bias=use_bias, rngs=rngs)",
      ),
    ),
    ignored: ["dtype", "param_dtype", "preferred_element_type", "precision"],
    returns: "module",
  },
  LinearGeneral: {
    sig: "in_features, out_features, *, axis=-1, batch_axis=FrozenDict({}), use_bias=True, dtype=None, " +
      "param_dtype=ivy.float32, kernel_init=default_kernel_init, bias_init=default_bias_init, precision=None, " +
      "promote_dtype=promote_dtype, dot_general=None, dot_general_cls=None, preferred_element_type=None, rngs, " +
      "kernel_metadata=None, bias_metadata=None",
    ivy: initialized(KERNEL_INITS, (a) => {
      const template = "ivy.LinearGeneral(in_features, out_features, use_bias=use_bias, rngs=rngs)";
      return trailingAxes(a) ? float32Only(["dtype", "param_dtype", "preferred_element_type"], template)(a) : (
        "error: only `axis` naming the trailing axes, one per entry of `in_features` (`axis=-1`, " +
        "`axis=(-2, -1)`), is supported"
      );
    }),
    ignored: ["dtype", "param_dtype", "preferred_element_type", "precision", "axis", ...METADATA],
    returns: "module",
  },
  Conv: {
    sig: "in_features, out_features, kernel_size, strides=1, *, padding='SAME', input_dilation=1, " +
      "kernel_dilation=1, feature_group_count=1, use_bias=True, mask=None, dtype=None, param_dtype=ivy.float32, " +
      "precision=None, kernel_init=default_kernel_init, bias_init=default_bias_init, " +
      "conv_general_dilated=conv_general_dilated, promote_dtype=promote_dtype, preferred_element_type=None, rngs, " +
      "kernel_metadata=None, bias_metadata=None",
    ivy: initialized(
      KERNEL_INITS,
      checked(
        ["dtype", "param_dtype", "preferred_element_type"],
        "ivy.Conv(in_features, out_features, kernel_size, strides=strides, padding=padding, " +
          "input_dilation=input_dilation, kernel_dilation=kernel_dilation, feature_group_count=feature_group_count, " +
          "use_bias=use_bias, rngs=rngs)",
      ),
    ),
    ignored: ["dtype", "param_dtype", "preferred_element_type", "precision", ...METADATA],
    returns: "module",
  },
  ConvTranspose: {
    sig: "in_features, out_features, kernel_size, strides=None, *, padding='SAME', kernel_dilation=None, " +
      "use_bias=True, mask=None, dtype=None, param_dtype=ivy.float32, precision=None, " +
      "kernel_init=default_kernel_init, bias_init=default_bias_init, transpose_kernel=False, " +
      "promote_dtype=promote_dtype, preferred_element_type=None, rngs, kernel_metadata=None, bias_metadata=None",
    ivy: initialized(
      KERNEL_INITS,
      checked(
        ["dtype", "param_dtype", "preferred_element_type"],
        "ivy.ConvTranspose(in_features, out_features, kernel_size, strides=strides, padding=padding, " +
          "kernel_dilation=kernel_dilation, use_bias=use_bias, transpose_kernel=transpose_kernel, rngs=rngs)",
      ),
    ),
    ignored: ["dtype", "param_dtype", "preferred_element_type", "precision", ...METADATA],
    returns: "module",
  },
  LayerNorm: {
    sig: "num_features, *, epsilon=1e-06, dtype=None, param_dtype=ivy.float32, use_bias=True, use_scale=True, " +
      "bias_init=default_bias_init, scale_init=default_scale_init, reduction_axes=-1, feature_axes=-1, " +
      "axis_name=None, axis_index_groups=None, use_fast_variance=True, promote_dtype=promote_dtype, rngs, " +
      "bias_metadata=None, scale_metadata=None",
    ivy: initialized(
      NORM_INITS,
      float32Only(
        ["dtype", "param_dtype"],
        "ivy.LayerNorm(num_features, epsilon=epsilon, use_bias=use_bias, use_scale=use_scale, rngs=rngs)",
      ),
    ),
    // use_fast_variance only changes rounding: E[x²]−E[x]² against E[(x−E[x])²].
    ignored: ["dtype", "param_dtype", "use_fast_variance"],
    returns: "module",
  },
  RMSNorm: {
    sig: "num_features, *, epsilon=1e-06, dtype=None, param_dtype=ivy.float32, use_scale=True, " +
      "scale_init=default_scale_init, reduction_axes=-1, feature_axes=-1, axis_name=None, axis_index_groups=None, " +
      "use_fast_variance=True, promote_dtype=promote_dtype, rngs, scale_metadata=None",
    ivy: initialized(
      ["scale_init"],
      float32Only(
        ["dtype", "param_dtype"],
        "ivy.RMSNorm(num_features, epsilon=epsilon, use_scale=use_scale, rngs=rngs)",
      ),
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
    ivy: initialized(
      NORM_INITS,
      float32Only(
        ["dtype", "param_dtype"],
        "ivy.GroupNorm(num_features, num_groups=num_groups, group_size=group_size, epsilon=epsilon, " +
          "use_bias=use_bias, use_scale=use_scale, rngs=rngs)",
      ),
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
    ivy: initialized(
      NORM_INITS,
      float32Only(
        ["dtype", "param_dtype"],
        "ivy.GroupNorm(num_features, num_groups=None, group_size=1, epsilon=epsilon, use_bias=use_bias, " +
          "use_scale=use_scale, rngs=rngs)",
      ),
    ),
    ignored: ["dtype", "param_dtype", "use_fast_variance", ...METADATA],
    returns: "module",
  },
  BatchNorm: {
    sig: "num_features, *, use_running_average=False, axis=-1, momentum=0.99, epsilon=1e-05, dtype=None, " +
      "param_dtype=ivy.float32, use_bias=True, use_scale=True, bias_init=default_bias_init, " +
      "scale_init=default_scale_init, axis_name=None, axis_index_groups=None, use_fast_variance=True, " +
      "promote_dtype=promote_dtype, rngs, bias_metadata=None, scale_metadata=None",
    ivy: initialized(
      NORM_INITS,
      float32Only(
        ["dtype", "param_dtype"],
        "ivy.BatchNorm(num_features, use_running_average=use_running_average, axis=axis, momentum=momentum, " +
          "epsilon=epsilon, use_bias=use_bias, use_scale=use_scale, rngs=rngs)",
      ),
    ),
    // use_fast_variance only changes rounding: E[x²]−E[x]² against E[(x−E[x])²].
    ignored: ["dtype", "param_dtype", "use_fast_variance"],
    returns: "module",
  },
  Embed: {
    sig: "num_embeddings, features, *, dtype=None, param_dtype=ivy.float32, embedding_init=default_embed_init, " +
      "promote_dtype=promote_dtype, rngs, embedding_metadata=None",
    ivy: initialized(
      ["embedding_init"],
      float32Only(["dtype", "param_dtype"], "ivy.Embed(num_embeddings, features, rngs=rngs)"),
    ),
    ignored: ["dtype", "param_dtype"],
    returns: "module",
  },
  WeightNorm: {
    sig: "layer_instance, *, feature_axes=-1, use_scale=True, scale_init=default_scale_init, epsilon=1e-12, " +
      "dtype=None, param_dtype=ivy.float32, variable_filter=default_variable_filter, promote_dtype=promote_dtype, " +
      "rngs",
    ivy: (a) =>
      givenInitializers(a, ["variable_filter"]).length
        ? "error: only the default `variable_filter` (`nnx.PathContains('kernel')`) is supported"
        : initialized(
          ["scale_init"],
          float32Only(
            ["dtype", "param_dtype"],
            "ivy.WeightNorm(layer_instance, feature_axes=feature_axes, use_scale=use_scale, epsilon=epsilon, " +
              "rngs=rngs)",
          ),
        )(a),
    ignored: ["dtype", "param_dtype"],
    returns: "module",
  },
  SpectralNorm: {
    sig: "layer_instance, *, n_steps=1, epsilon=1e-12, dtype=None, param_dtype=ivy.float32, " +
      "error_on_non_matrix=False, update_stats=True, rngs",
    ivy: (a) =>
      isNone(a.get("error_on_non_matrix")) || printExpr(a.get("error_on_non_matrix")!) === "False"
        ? float32Only(
          ["dtype", "param_dtype"],
          "ivy.SpectralNorm(layer_instance, n_steps=n_steps, epsilon=epsilon, update_stats=update_stats, rngs=rngs)",
        )(a)
        : "error: only `error_on_non_matrix=False` is supported",
    ignored: ["dtype", "param_dtype", "error_on_non_matrix"],
    returns: "module",
  },
  Einsum: {
    sig: "einsum_str, kernel_shape, bias_shape=None, *, dtype=None, param_dtype=ivy.float32, precision=None, " +
      "kernel_init=default_kernel_init, bias_init=default_bias_init, promote_dtype=promote_dtype, " +
      "einsum_op=einsum, preferred_element_type=None, rngs, kernel_metadata=None, bias_metadata=None",
    ivy: initialized(
      KERNEL_INITS,
      float32Only(
        ["dtype", "param_dtype", "preferred_element_type"],
        "ivy.Einsum(einsum_str, kernel_shape, bias_shape=bias_shape, rngs=rngs)",
      ),
    ),
    ignored: ["dtype", "param_dtype", "preferred_element_type", "precision", ...METADATA],
    returns: "module",
  },
  LoRA: {
    sig: "in_features, lora_rank, out_features, *, base_module=None, dtype=None, param_dtype=ivy.float32, " +
      "a_initializer=default_a_initializer, b_initializer=default_b_initializer, lora_param_type=LoRAParam, " +
      "promote_dtype=promote_dtype, rngs, a_metadata=None, b_metadata=None",
    ivy: initialized(
      LORA_INITS,
      loraParams(
        ["dtype", "param_dtype"],
        "ivy.LoRA(in_features, lora_rank, out_features, base_module=base_module, rngs=rngs)",
      ),
    ),
    ignored: ["dtype", "param_dtype", "lora_param_type", ...LORA_METADATA],
    returns: "module",
  },
  // Linear's keyword arguments (its `**kwargs`) spelled out
  LoRALinear: {
    sig: "in_features, out_features, *, lora_rank, lora_dtype=None, lora_param_dtype=ivy.float32, " +
      "a_initializer=default_a_initializer, b_initializer=default_b_initializer, lora_param_type=LoRAParam, " +
      "lora_promote_dtype=promote_dtype, rngs, a_metadata=None, b_metadata=None, use_bias=True, dtype=None, " +
      "param_dtype=ivy.float32, precision=None, kernel_init=default_kernel_init, bias_init=default_bias_init, " +
      "dot_general=dot_general, promote_dtype=promote_dtype, preferred_element_type=None, kernel_metadata=None, " +
      "bias_metadata=None",
    ivy: initialized(
      [...KERNEL_INITS, ...LORA_INITS],
      loraParams(
        ["lora_dtype", "lora_param_dtype", "dtype", "param_dtype", "preferred_element_type"],
        "ivy.LoRALinear(in_features, out_features, lora_rank, use_bias=use_bias, rngs=rngs)",
      ),
    ),
    ignored: [
      "lora_dtype",
      "lora_param_dtype",
      "dtype",
      "param_dtype",
      "preferred_element_type",
      "precision",
      "lora_param_type",
      ...LORA_METADATA,
      ...METADATA,
    ],
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
    ivy: initialized(
      ["kernel_init", "out_kernel_init", "bias_init", "out_bias_init"],
      float32Only(
        ["dtype", "param_dtype"],
        "ivy.MultiHeadAttention(num_heads, in_features, qkv_features=qkv_features, out_features=out_features, " +
          "num_kv_heads=num_kv_heads, in_kv_features=in_kv_features, use_bias=use_bias, dropout_rate=dropout_rate, " +
          "broadcast_dropout=broadcast_dropout, deterministic=deterministic, decode=decode, " +
          "normalize_qk=normalize_qk, rngs=rngs)",
      ),
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
  SimpleCell: {
    sig: "in_features, hidden_features, *, dtype=ivy.float32, param_dtype=ivy.float32, carry_init=None, " +
      `residual=False, activation_fn=ivy.tanh, ${CELL_INIT_DEFAULTS}, promote_dtype=promote_dtype, keep_rngs=False, ` +
      "rngs, " +
      "kernel_metadata=None, recurrent_kernel_metadata=None, bias_metadata=None",
    ivy: initialized(
      CELL_INITS,
      float32Only(
        ["dtype", "param_dtype"],
        "ivy.SimpleCell(in_features, hidden_features, residual=residual, activation_fn=activation_fn, rngs=rngs)",
      ),
    ),
    ignored: ["dtype", "param_dtype", ...RECURRENT_IGNORED],
    returns: "module",
    // the weights differ until load_flax_state (tests/python/test_models.py): carries and shapes only
    checks: [
      "nnx.SimpleCell(4, 2, rngs=nnx.Rngs(0)).initialize_carry(x.shape, nnx.Rngs(0))",
      "jnp.zeros(nnx.SimpleCell(4, 2, residual=True, rngs=nnx.Rngs(0))(jnp.zeros((3, 2)), x)[1].shape)",
    ],
  },
  LSTMCell: cellRow("LSTMCell", "(jnp.zeros((3, 2)), jnp.zeros((3, 2)))"),
  OptimizedLSTMCell: cellRow("OptimizedLSTMCell", "(jnp.zeros((3, 2)), jnp.zeros((3, 2)))"),
  GRUCell: cellRow("GRUCell", "jnp.zeros((3, 2))"),
  RNN: {
    sig: "cell, *, time_major=False, return_carry=False, reverse=False, keep_order=False, unroll=1, " +
      "state_axes=None, broadcast_rngs=None, rngs=True",
    ivy: "ivy.RNN(cell, time_major=time_major, return_carry=return_carry, reverse=reverse, keep_order=keep_order)",
    // `unroll` only changes how XLA schedules the loop; `rngs` feeds the carry initializer, zeros without one
    ignored: ["unroll", "rngs"],
    returns: "module",
    checks: [
      "jnp.zeros(nnx.RNN(nnx.GRUCell(4, 2, rngs=nnx.Rngs(0)), reverse=True)(x[None]).shape)",
      "jnp.zeros(nnx.RNN(nnx.SimpleCell(4, 2, rngs=nnx.Rngs(0)), time_major=True)(x[:, None]).shape)",
      // no time steps: the initial carry and outputs of shape (1, 0, 2)
      "nnx.RNN(nnx.LSTMCell(4, 2, rngs=nnx.Rngs(0)), return_carry=True)(x[None, :0])",
    ],
  },
  Bidirectional: {
    sig: "forward_rnn, backward_rnn, *, merge_fn=_concatenate, time_major=False, return_carry=False, rngs=True",
    ivy: "ivy.Bidirectional(forward_rnn, backward_rnn, merge_fn=merge_fn, time_major=time_major, " +
      "return_carry=return_carry)",
    ignored: ["rngs"],
    returns: "module",
    checks: [
      "jnp.zeros(nnx.Bidirectional(nnx.RNN(nnx.GRUCell(4, 2, rngs=nnx.Rngs(0))), " +
      "nnx.RNN(nnx.SimpleCell(4, 3, rngs=nnx.Rngs(1))))(x[None]).shape)",
    ],
  },
  Dropout: {
    sig: "rate, *, broadcast_dims=(), deterministic=False, rng_collection='dropout', rngs=None",
    ivy: "ivy.Dropout(rate, deterministic=deterministic, rngs=rngs)",
    returns: "module",
  },
  Sequential: { sig: "*fns", ivy: "ivy.Sequential(*fns)", returns: "module" },
  // the mapping form (`nnx.Dict({"a": layer})`); keyword items are not accepted
  Dict: {
    sig: "it=None, /",
    ivy: (a) => (isNone(a.get("it")) ? "ivy.Dict()" : "ivy.Dict(it)"),
    returns: "modules",
  },
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
  // over arrays, `jax.vmap`'s translation; over layers it builds (`nnx.vmap(lambda rngs: Block(rngs=rngs), ...)`),
  // a list of layers: `stages/jax/scan_layers.ts`. A Module argument of the mapped function is an error
  vmap: {
    sig: "f, *, in_axes=0, out_axes=0, axis_name=None, axis_size=None, spmd_axis_name=None, " +
      "transform_metadata=None, graph=None, graph_updates=None",
    ivy: "ivy.vmap(f, in_axes=in_axes, out_axes=out_axes)",
    // Flax's graph options change nothing for arrays
    ignored: ["transform_metadata", "graph", "graph_updates"],
    returns: "callable",
    checks: [
      "nnx.vmap(lambda a, b: a * b, in_axes=(0, None))(x, v)",
      "nnx.vmap(lambda a: jnp.sum(a ** 2), in_axes=1)(x)",
      "nnx.vmap(lambda a: (a, a * 2.0), out_axes=1)(x)",
    ],
  },
  // training (numerically checked by tests/python/test_training.py): the gradients of a Module argument are its parameters' (torch: a dict name -> gradient as
  // `named_parameters()` names them; Keras: a list in `trainable_variables` order), which `Optimizer.update` takes
  Optimizer: { sig: OPTIMIZER_SIG, ivy: overParams("ivy.nnx_optimizer(model, tx)"), returns: "python" },
  value_and_grad: {
    sig: AUTODIFF_SIG,
    ivy: "ivy.nnx_value_and_grad(f, argnums=argnums, has_aux=has_aux)",
    returns: "callable",
  },
  grad: {
    sig: AUTODIFF_SIG,
    ivy: "ivy.nnx_grad(f, argnums=argnums, has_aux=has_aux)",
    returns: "callable",
  },
  // `argnums=nnx.DiffState(n, nnx.Param)`: argument n, differentiated with respect to its parameters
  DiffState: {
    sig: "argnum, filter",
    ivy: (a) => isParamFilter(a.get("filter")) ? "argnum" : "error: only the filter `nnx.Param` is supported",
    returns: "python",
  },
  MultiMetric: { alias: "flax.nnx.metrics.MultiMetric" },
  ...NNX_STATE_ROWS,
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
