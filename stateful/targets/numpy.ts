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
import { CONV_RULES, rngsSource, sharedEmits } from "./shared.ts";
import { NUMPY_RANDOM, randomDraws } from "./random_helpers.ts";
import {
  AVG_POOL,
  BATCH_NORM,
  BATCH_STAT,
  CACHE,
  CONV,
  CONV_GENERAL_DILATED,
  CONV_TRANSPOSE,
  DROPOUT,
  EMBED,
  GROUP_NORM,
  INTERMEDIATE,
  LAYER_NORM,
  LINEAR,
  LINEAR_GENERAL,
  LOAD_FLAX_STATE,
  MAX_POOL,
  MIN_POOL,
  PARAM,
  POOL,
  RMS_NORM,
  SEQUENTIAL,
  VARIABLE,
} from "./numpy_helpers.ts";
import ATTENTION_WEIGHTS from "./numpy/attention_weights.py" with { type: "text" };
import DOT_PRODUCT_ATTENTION from "./numpy/dot_product_attention.py" with { type: "text" };
import MAKE_CAUSAL_MASK from "./numpy/make_causal_mask.py" with { type: "text" };
import MULTI_HEAD_ATTENTION from "./numpy/multi_head_attention.py" with { type: "text" };

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
    ...sharedEmits(", rngs=rngs"),
    RMSNorm: { emit: "RMSNorm(num_features, epsilon=epsilon, use_scale=use_scale)", helpers: ["RMSNorm"] },
    GroupNorm: {
      emit: "GroupNorm(num_features, num_groups=num_groups, group_size=group_size, epsilon=epsilon, " +
        "use_bias=use_bias, use_scale=use_scale)",
      helpers: ["GroupNorm"],
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
    ...randomDraws("key.integers(minval, maxval, shape, dtype=dtype)"),
  },
  helpers: {
    ...NUMPY_RANDOM,
    Variable: { source: VARIABLE },
    Param: { source: PARAM, needs: ["Variable"] },
    BatchStat: { source: BATCH_STAT, needs: ["Variable"] },
    Cache: { source: CACHE, needs: ["Variable"] },
    Intermediate: { source: INTERMEDIATE, needs: ["Variable"] },
    Linear: { source: LINEAR },
    Conv: { source: CONV, needs: ["conv_sizes", "conv_general_dilated"] },
    conv_general_dilated: { source: CONV_GENERAL_DILATED, needs: ["conv_padding"] },
    ConvTranspose: { source: CONV_TRANSPOSE, needs: ["conv_sizes", "conv_general_dilated", "conv_transpose_padding"] },
    ...CONV_RULES,
    RMSNorm: { source: RMS_NORM },
    GroupNorm: { source: GROUP_NORM },
    pool: { source: POOL, needs: ["conv_padding"] },
    avg_pool: { source: AVG_POOL, needs: ["pool"] },
    max_pool: { source: MAX_POOL, needs: ["pool"] },
    min_pool: { source: MIN_POOL, needs: ["pool"] },
    LayerNorm: { source: LAYER_NORM },
    BatchNorm: { source: BATCH_NORM },
    Embed: { source: EMBED },
    LinearGeneral: { source: LINEAR_GENERAL },
    MultiHeadAttention: {
      source: MULTI_HEAD_ATTENTION,
      needs: ["LinearGeneral", "LayerNorm", "Cache", "attention_weights", "dot_product_attention"],
    },
    attention_weights: { source: ATTENTION_WEIGHTS },
    dot_product_attention: { source: DOT_PRODUCT_ATTENTION, needs: ["attention_weights"] },
    make_causal_mask: { source: MAKE_CAUSAL_MASK },
    Dropout: { source: DROPOUT },
    Sequential: { source: SEQUENTIAL },
    Rngs: rngsSource("np.random.Generator", "np.random.default_rng(seed)"),
    flax_arrays: FLAX_ARRAYS,
    load_flax_state: { source: LOAD_FLAX_STATE, needs: ["flax_arrays"] },
  },
  moduleHelpers: ["load_flax_state"],
};
