/**
 * Flax NNX on NumPy. A Module is a plain class keeping `__call__`; layers
 * are small helper classes holding NumPy arrays under Flax's names and
 * layouts (`kernel` (in, out), `bias`, `scale`, `embedding`;
 * `MultiHeadAttention`'s projections `kernel` (in, heads, head_dim)), so
 * `load_flax_state` copies arrays as they are. BatchNorm switches to its
 * running averages with its `use_running_average` attribute or call argument
 * (Flax's `model.eval()` sets the attribute on every layer). Variables are `Variable`
 * objects (`Param`, `BatchStat` and user subclasses extend it) read and
 * written through `.value`, as in Flax. `Rngs` streams are
 * `np.random.Generator`s, which the helpers also use for initialization.
 *
 * @module
 */
import { listEmit, rngsEmit, type StatefulTarget } from "../target.ts";
import { FLAX_ARRAYS } from "../flax_arrays.ts";
import { CONV_PADDING, rngsSource } from "./shared.ts";
import {
  BATCH_NORM,
  BATCH_STAT,
  CACHE,
  CONV,
  DOT_PRODUCT_ATTENTION,
  DROPOUT,
  EMBED,
  INTERMEDIATE,
  LAYER_NORM,
  LINEAR,
  LINEAR_GENERAL,
  LOAD_FLAX_STATE,
  MAKE_CAUSAL_MASK,
  MULTI_HEAD_ATTENTION,
  PARAM,
  SEQUENTIAL,
  VARIABLE,
} from "./numpy_helpers.ts";

/** The NumPy stateful tables. */
export const numpyStateful: StatefulTarget = {
  callMethod: "__call__",
  callsSuperInit: false,
  variableBases: {
    Variable: "Variable",
    Param: "Param",
    BatchStat: "BatchStat",
    Cache: "Cache",
    Intermediate: "Intermediate",
  },
  valueAccess: "attribute",
  ops: {
    Variable: { emit: "Variable(value)", helpers: ["Variable"] },
    Param: { emit: "Param(value)", helpers: ["Param"] },
    BatchStat: { emit: "BatchStat(value)", helpers: ["BatchStat"] },
    Cache: { emit: "Cache(value)", helpers: ["Cache"] },
    Intermediate: { emit: "Intermediate(value)", helpers: ["Intermediate"] },
    Linear: { emit: "Linear(in_features, out_features, use_bias=use_bias, rngs=rngs)", helpers: ["Linear"] },
    Conv: {
      emit:
        "Conv(in_features, out_features, kernel_size, strides=strides, padding=padding, use_bias=use_bias, rngs=rngs)",
      helpers: ["Conv"],
    },
    LayerNorm: {
      emit: "LayerNorm(num_features, epsilon=epsilon, use_bias=use_bias, use_scale=use_scale)",
      helpers: ["LayerNorm"],
    },
    BatchNorm: {
      emit: "BatchNorm(num_features, use_running_average=use_running_average, axis=axis, momentum=momentum, " +
        "epsilon=epsilon, use_bias=use_bias, use_scale=use_scale)",
      helpers: ["BatchNorm"],
    },
    Embed: { emit: "Embed(num_embeddings, features, rngs=rngs)", helpers: ["Embed"] },
    MultiHeadAttention: {
      emit: "MultiHeadAttention(num_heads, in_features, qkv_features=qkv_features, out_features=out_features, " +
        "num_kv_heads=num_kv_heads, in_kv_features=in_kv_features, use_bias=use_bias, rngs=rngs)",
      helpers: ["MultiHeadAttention"],
    },
    dot_product_attention: {
      emit: "dot_product_attention(query, key, value, bias=bias, mask=mask, scale=scale, is_causal=is_causal)",
      helpers: ["dot_product_attention"],
    },
    make_causal_mask: {
      emit: "make_causal_mask(x, extra_batch_dims=extra_batch_dims, dtype=dtype)",
      helpers: ["make_causal_mask"],
    },
    Dropout: { emit: "Dropout(rate, deterministic=deterministic, rngs=rngs)", helpers: ["Dropout"] },
    Sequential: { emit: "Sequential(*layers)", helpers: ["Sequential"] },
    List: { emit: listEmit },
    Rngs: { emit: rngsEmit, helpers: ["Rngs"] },
    random_key: { emit: "np.random.default_rng(seed)" },
    random_split: { emit: "key.spawn(num)", keepDefaults: ["num"] },
    random_normal: { emit: "key.standard_normal(shape, dtype=dtype)" },
    random_uniform: { emit: "key.uniform(minval, maxval, shape).astype(dtype)" },
  },
  helpers: {
    Variable: { source: VARIABLE },
    Param: { source: PARAM, needs: ["Variable"] },
    BatchStat: { source: BATCH_STAT, needs: ["Variable"] },
    Cache: { source: CACHE, needs: ["Variable"] },
    Intermediate: { source: INTERMEDIATE, needs: ["Variable"] },
    Linear: { source: LINEAR },
    Conv: { source: CONV, needs: ["conv_padding"] },
    conv_padding: { source: CONV_PADDING },
    LayerNorm: { source: LAYER_NORM },
    BatchNorm: { source: BATCH_NORM },
    Embed: { source: EMBED },
    LinearGeneral: { source: LINEAR_GENERAL },
    MultiHeadAttention: { source: MULTI_HEAD_ATTENTION, needs: ["LinearGeneral", "dot_product_attention"] },
    dot_product_attention: { source: DOT_PRODUCT_ATTENTION },
    make_causal_mask: { source: MAKE_CAUSAL_MASK },
    Dropout: { source: DROPOUT },
    Sequential: { source: SEQUENTIAL },
    Rngs: rngsSource("np.random.Generator", "np.random.default_rng(seed)"),
    flax_arrays: FLAX_ARRAYS,
    load_flax_state: { source: LOAD_FLAX_STATE, needs: ["flax_arrays"] },
  },
  moduleHelpers: ["load_flax_state"],
};
