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
import AVG_POOL from "./numpy/avg_pool.py" with { type: "text" };
import BATCH_NORM from "./numpy/batch_norm.py" with { type: "text" };
import BATCH_STAT from "./numpy/batch_stat.py" with { type: "text" };
import CACHE from "./numpy/cache.py" with { type: "text" };
import CONV from "./numpy/conv.py" with { type: "text" };
import CONV_GENERAL_DILATED from "./numpy/conv_general_dilated.py" with { type: "text" };
import CONV_TRANSPOSE from "./numpy/conv_transpose.py" with { type: "text" };
import DROPOUT from "./numpy/dropout.py" with { type: "text" };
import EMBED from "./numpy/embed.py" with { type: "text" };
import GROUP_NORM from "./numpy/group_norm.py" with { type: "text" };
import INTERMEDIATE from "./numpy/intermediate.py" with { type: "text" };
import LAYER_NORM from "./numpy/layer_norm.py" with { type: "text" };
import LINEAR from "./numpy/linear.py" with { type: "text" };
import LECUN_NORMAL from "./numpy/lecun_normal.py" with { type: "text" };
import LINEAR_GENERAL from "./numpy/linear_general.py" with { type: "text" };
import LOAD_FLAX_STATE from "./numpy/load_flax_state.py" with { type: "text" };
import MAX_POOL from "./numpy/max_pool.py" with { type: "text" };
import MIN_POOL from "./numpy/min_pool.py" with { type: "text" };
import PARAM from "./numpy/param.py" with { type: "text" };
import POOL from "./numpy/pool.py" with { type: "text" };
import RMS_NORM from "./numpy/rms_norm.py" with { type: "text" };
import SEQUENTIAL from "./numpy/sequential.py" with { type: "text" };
import VARIABLE from "./numpy/variable.py" with { type: "text" };
import { pyHelper } from "../../stages/targets/python_helper.ts";
import FLAX_PARAMS from "./numpy/flax_params.py" with { type: "text" };
import WEIGHT_NORM from "./numpy/weight_norm.py" with { type: "text" };
import SPECTRAL_NORM from "./numpy/spectral_norm.py" with { type: "text" };
import { dictEmit, listEmit, rngsEmit, type StatefulTarget } from "../target.ts";
import { FLAX_ARRAYS, FLAX_TARGETS } from "../flax_arrays.ts";
import { KERNEL_INITS, normInits, rngsSource, SHARED_HELPERS, sharedEmits } from "./shared.ts";
import { NUMPY_RANDOM, randomDraws } from "./random_helpers.ts";
import EINSUM from "./numpy/einsum.py" with { type: "text" };
import { normParamsHelper } from "./norm_params.ts";
import LORA from "./numpy/lora.py" with { type: "text" };
import LORA_LINEAR from "./numpy/lora_linear.py" with { type: "text" };
import { NUMPY_RECURRENT, recurrentEmits } from "./recurrent.ts";
import ATTENTION_WEIGHTS from "./numpy/attention_weights.py" with { type: "text" };
import DOT_PRODUCT_ATTENTION from "./numpy/dot_product_attention.py" with { type: "text" };
import MAKE_CAUSAL_MASK from "./numpy/make_causal_mask.py" with { type: "text" };
import MULTI_HEAD_ATTENTION from "./numpy/multi_head_attention.py" with { type: "text" };
import { withAttentionInit } from "./attention_init.ts";

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
    Linear: {
      emit: `Linear(in_features, out_features, use_bias=use_bias, ${KERNEL_INITS}, rngs=rngs)`,
      helpers: ["Linear"],
    },
    ...sharedEmits(),
    ...recurrentEmits(),
    RMSNorm: {
      emit: (a) => `RMSNorm(num_features, epsilon=epsilon, use_scale=use_scale${normInits(a, ["scale_init"])})`,
      helpers: ["RMSNorm"],
    },
    LayerNorm: {
      emit: (a) => `LayerNorm(num_features, epsilon=epsilon, use_bias=use_bias, use_scale=use_scale${normInits(a)})`,
      helpers: ["LayerNorm"],
    },
    BatchNorm: {
      emit: (a) =>
        "BatchNorm(num_features, use_running_average=use_running_average, axis=axis, momentum=momentum, " +
        `epsilon=epsilon, use_bias=use_bias, use_scale=use_scale${normInits(a)})`,
      helpers: ["BatchNorm"],
    },
    Embed: { emit: "Embed(num_embeddings, features, embedding_init=embedding_init, rngs=rngs)", helpers: ["Embed"] },
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
    Dict: { emit: dictEmit },
    Rngs: { emit: rngsEmit, helpers: ["Rngs"] },
    random_key: { emit: "np.random.default_rng(seed)" },
    random_split: { emit: "key.spawn(num)", keepDefaults: ["num"] },
    random_normal: { emit: "key.standard_normal(shape, dtype=dtype)" },
    random_uniform: { emit: "key.uniform(minval, maxval, shape).astype(dtype)" },
    ...randomDraws("key.integers(minval, maxval, shape, dtype=dtype)"),
  },
  helpers: {
    ...NUMPY_RANDOM,
    Variable: pyHelper(VARIABLE),
    Param: pyHelper(PARAM),
    BatchStat: pyHelper(BATCH_STAT),
    Cache: pyHelper(CACHE),
    Intermediate: pyHelper(INTERMEDIATE),
    Linear: pyHelper(LINEAR),
    lecun_normal: pyHelper(LECUN_NORMAL),
    Conv: pyHelper(CONV),
    conv_general_dilated: pyHelper(CONV_GENERAL_DILATED),
    ConvTranspose: pyHelper(CONV_TRANSPOSE),
    ...SHARED_HELPERS,
    RMSNorm: pyHelper(RMS_NORM),
    GroupNorm: pyHelper(GROUP_NORM),
    flax_params: pyHelper(FLAX_PARAMS),
    WeightNorm: pyHelper(WEIGHT_NORM),
    SpectralNorm: pyHelper(SPECTRAL_NORM),
    pool: pyHelper(POOL),
    avg_pool: pyHelper(AVG_POOL),
    max_pool: pyHelper(MAX_POOL),
    min_pool: pyHelper(MIN_POOL),
    LayerNorm: pyHelper(LAYER_NORM),
    norm_params: normParamsHelper({
      ns: "np",
      param: (value) => `np.asarray(${value}, np.float32)`,
      imports: { np: "import numpy as np" },
    }),
    BatchNorm: pyHelper(BATCH_NORM),
    Embed: pyHelper(EMBED),
    LinearGeneral: pyHelper(LINEAR_GENERAL),
    Einsum: pyHelper(EINSUM),
    LoRA: pyHelper(LORA),
    LoRALinear: pyHelper(LORA_LINEAR),
    MultiHeadAttention: {
      source: withAttentionInit(MULTI_HEAD_ATTENTION, {
        superInit: false,
        layerNorm: "LayerNorm(self.head_dim, use_bias=False)",
        state: `        self.rng = rngs.dropout() if rngs is not None and dropout_rate > 0.0 else None
        self.cached_key = self.cached_value = self.cache_index = None
`,
      }),
      needs: ["LinearGeneral", "LayerNorm", "Cache", "attention_weights", "dot_product_attention"],
    },
    attention_weights: { source: ATTENTION_WEIGHTS },
    dot_product_attention: { source: DOT_PRODUCT_ATTENTION, needs: ["attention_weights"] },
    make_causal_mask: { source: MAKE_CAUSAL_MASK },
    Dropout: pyHelper(DROPOUT),
    Sequential: pyHelper(SEQUENTIAL),
    Rngs: rngsSource("np.random.Generator", "np.random.default_rng(seed)"),
    ...NUMPY_RECURRENT,
    flax_arrays: FLAX_ARRAYS,
    flax_targets: FLAX_TARGETS,
    load_flax_state: pyHelper(LOAD_FLAX_STATE),
  },
  moduleHelpers: ["load_flax_state"],
};
