/**
 * Flax NNX on TensorFlow/Keras. A Module is a `keras.Layer` (`__call__`
 * becomes `call`) whose weights exist from construction, as in Flax, so
 * they are tracked Keras variables as soon as the model is built.
 * `nnx.Param` is a trainable `keras.Variable`; other Variables (and user
 * Variable subclasses, which extend `keras.Variable`) are non-trainable,
 * mutated with `.assign`/`.assign_add`. Layers are small helper classes over
 * Keras layers, keeping Flax's layouts and names (`kernel`, `bias`,
 * `scale`, BatchNorm's `mean` and `var`; `Conv` and `ConvTranspose` share one
 * `conv_general_dilated` helper over `tf.nn.convolution`, the pooling
 * functions `tf.nn.pool`), so `load_flax_state` only renames
 * `embedding` to `embeddings` (`MultiHeadAttention`'s `query`/`key`/
 * `value`/`out` projections are `kernel` and `bias` as in Flax too; its
 * `call` takes the mask as `attention_mask`, since Keras reserves `mask`,
 * and its `__call__` maps Flax's `mask=` onto it). BatchNorm's mode is its `use_running_average`
 * call argument, else Keras' `training` (`model(x, training=False)`,
 * `predict`, `fit`), else its constructor's flag: a call with neither trains,
 * as in Flax.
 *
 * @module
 */
import { listEmit, rngsEmit, type StatefulTarget } from "../target.ts";
import { FLAX_ARRAYS } from "../flax_arrays.ts";
import { CONV_RULES, rngsSource, sharedEmits } from "./shared.ts";
import { randomDraws, TENSORFLOW_RANDOM } from "./random_helpers.ts";
import {
  AVG_POOL,
  BATCH_NORM,
  CONV,
  CONV_GENERAL_DILATED,
  CONV_TRANSPOSE,
  DILATE,
  DROPOUT,
  EMBED,
  GROUP_NORM,
  LAYER_NORM,
  LINEAR,
  LINEAR_GENERAL,
  LOAD_FLAX_STATE,
  MAX_POOL,
  MIN_POOL,
  POOL,
  RMS_NORM,
  SEQUENTIAL,
  SPLIT_KEY,
  UNLOCKED_STATE,
} from "./tensorflow_helpers.ts";
import ATTENTION_WEIGHTS from "./tensorflow/attention_weights.py" with { type: "text" };
import DOT_PRODUCT_ATTENTION from "./tensorflow/dot_product_attention.py" with { type: "text" };
import MAKE_CAUSAL_MASK from "./tensorflow/make_causal_mask.py" with { type: "text" };
import MULTI_HEAD_ATTENTION from "./tensorflow/multi_head_attention.py" with { type: "text" };

/** The `__init__` of a user Variable subclass that is not a Param: a non-trainable Keras variable. */
const NON_TRAINABLE_INIT = "def __init__(self, value):\n    super().__init__(value, trainable=False)\n";

/** The TensorFlow/Keras stateful tables. */
export const tensorflowStateful: StatefulTarget = {
  moduleBase: "keras.Layer",
  callMethod: "call",
  callNeedsArgument: true,
  reservedCallArgs: {
    mask: "Keras fills a `mask=None` argument from the input's `_keras_mask` and propagates masks",
    training: "Keras fills a `training=None` argument from the outer call or `model.fit`",
  },
  callsSuperInit: true,
  variableBases: {
    Variable: "keras.Variable",
    Param: "keras.Variable",
    BatchStat: "keras.Variable",
    Cache: "keras.Variable",
    Intermediate: "keras.Variable",
  },
  variableInit: {
    Variable: NON_TRAINABLE_INIT,
    BatchStat: NON_TRAINABLE_INIT,
    Cache: NON_TRAINABLE_INIT,
    Intermediate: NON_TRAINABLE_INIT,
  },
  lateStateHelper: "UnlockedState",
  valueAccess: "assign",
  ops: {
    Variable: { emit: "keras.Variable(value, trainable=False)" },
    Param: { emit: "keras.Variable(value)" },
    BatchStat: { emit: "keras.Variable(value, trainable=False)" },
    Cache: { emit: "keras.Variable(value, trainable=False)" },
    Intermediate: { emit: "keras.Variable(value, trainable=False)" },
    Linear: { emit: "Linear(in_features, out_features, use_bias=use_bias)", helpers: ["Linear"] },
    ...sharedEmits(),
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
    Embed: { emit: "Embed(num_embeddings, features)", helpers: ["Embed"] },
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
    random_key: { emit: "keras.random.SeedGenerator(seed)" },
    random_split: { emit: "split_key(key, num)", helpers: ["split_key"] },
    random_normal: { emit: "keras.random.normal(shape, dtype=dtype, seed=key)" },
    random_uniform: { emit: "keras.random.uniform(shape, minval=minval, maxval=maxval, dtype=dtype, seed=key)" },
    ...randomDraws("keras.random.randint(shape, minval, maxval, dtype=dtype, seed=key)"),
  },
  helpers: {
    Linear: { source: LINEAR },
    Conv: { source: CONV, needs: ["conv_sizes", "conv_general_dilated"] },
    conv_general_dilated: { source: CONV_GENERAL_DILATED, needs: ["conv_padding", "dilate"] },
    dilate: { source: DILATE },
    ConvTranspose: { source: CONV_TRANSPOSE, needs: ["conv_sizes", "conv_general_dilated", "conv_transpose_padding"] },
    ...CONV_RULES,
    RMSNorm: { source: RMS_NORM },
    GroupNorm: { source: GROUP_NORM },
    pool: { source: POOL, needs: ["conv_padding"] },
    avg_pool: { source: AVG_POOL, needs: ["pool"] },
    max_pool: { source: MAX_POOL, needs: ["pool"] },
    min_pool: { source: MIN_POOL, needs: ["max_pool"] },
    LayerNorm: { source: LAYER_NORM },
    BatchNorm: { source: BATCH_NORM },
    Embed: { source: EMBED },
    LinearGeneral: { source: LINEAR_GENERAL },
    MultiHeadAttention: {
      source: MULTI_HEAD_ATTENTION,
      needs: ["LinearGeneral", "LayerNorm", "UnlockedState", "attention_weights", "dot_product_attention"],
    },
    attention_weights: { source: ATTENTION_WEIGHTS },
    dot_product_attention: { source: DOT_PRODUCT_ATTENTION, needs: ["attention_weights"] },
    make_causal_mask: { source: MAKE_CAUSAL_MASK },
    Dropout: { source: DROPOUT },
    Sequential: { source: SEQUENTIAL },
    Rngs: rngsSource("keras.random.SeedGenerator", "keras.random.SeedGenerator(seed)"),
    split_key: { source: SPLIT_KEY },
    ...TENSORFLOW_RANDOM,
    UnlockedState: { source: UNLOCKED_STATE },
    flax_arrays: FLAX_ARRAYS,
    load_flax_state: { source: LOAD_FLAX_STATE, needs: ["flax_arrays"] },
  },
  moduleHelpers: ["load_flax_state"],
};
