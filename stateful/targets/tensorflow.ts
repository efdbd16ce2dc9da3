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
import AVG_POOL from "./tensorflow/avg_pool.py" with { type: "text" };
import BATCH_NORM from "./tensorflow/batch_norm.py" with { type: "text" };
import CONV from "./tensorflow/conv.py" with { type: "text" };
import CONV_GENERAL_DILATED from "./tensorflow/conv_general_dilated.py" with { type: "text" };
import DEPTHWISE_CONV from "./tensorflow/depthwise_conv.py" with { type: "text" };
import CONV_TRANSPOSE from "./tensorflow/conv_transpose.py" with { type: "text" };
import DILATE from "./tensorflow/dilate.py" with { type: "text" };
import DROPOUT from "./tensorflow/dropout.py" with { type: "text" };
import EMBED from "./tensorflow/embed.py" with { type: "text" };
import GROUP_NORM from "./tensorflow/group_norm.py" with { type: "text" };
import LAYER_NORM from "./tensorflow/layer_norm.py" with { type: "text" };
import LINEAR from "./tensorflow/linear.py" with { type: "text" };
import LINEAR_GENERAL from "./tensorflow/linear_general.py" with { type: "text" };
import LOAD_FLAX_STATE from "./tensorflow/load_flax_state.py" with { type: "text" };
import MAX_POOL from "./tensorflow/max_pool.py" with { type: "text" };
import MIN_POOL from "./shared/min_pool.py" with { type: "text" };
import POOL from "./tensorflow/pool.py" with { type: "text" };
import RMS_NORM from "./tensorflow/rms_norm.py" with { type: "text" };
import SEQUENTIAL from "./tensorflow/sequential.py" with { type: "text" };
import SPLIT_KEY from "./tensorflow/split_key.py" with { type: "text" };
import UNLOCKED_STATE from "./tensorflow/unlocked_state.py" with { type: "text" };
import { pyHelper } from "../../stages/targets/python_helper.ts";
import FLAX_PARAMS from "./tensorflow/flax_params.py" with { type: "text" };
import WEIGHT_NORM from "./tensorflow/weight_norm.py" with { type: "text" };
import SPECTRAL_NORM from "./tensorflow/spectral_norm.py" with { type: "text" };
import SUBSTITUTED_CALL from "./tensorflow/substituted_call.py" with { type: "text" };
import { dictEmit, listEmit, rngsEmit, type StatefulTarget } from "../target.ts";
import { FLAX_ARRAYS, FLAX_TARGETS } from "../flax_arrays.ts";
import { KERNEL_INITS, normInits, rngsSource, SHARED_HELPERS, sharedEmits } from "./shared.ts";
import { recurrentEmits, TENSORFLOW_RECURRENT } from "./recurrent.ts";
import { randomDraws, TENSORFLOW_RANDOM } from "./random_helpers.ts";
import EINSUM from "./tensorflow/einsum.py" with { type: "text" };
import LORA from "./tensorflow/lora.py" with { type: "text" };
import LORA_LINEAR from "./tensorflow/lora_linear.py" with { type: "text" };
import KERAS_INITIALIZER from "./tensorflow/keras_initializer.py" with { type: "text" };
import NORM_WEIGHTS from "./tensorflow/norm_weights.py" with { type: "text" };
import FROM_KERAS_CONFIG from "./tensorflow/from_keras_config.py" with { type: "text" };
import DATACLASS_CONFIG from "./tensorflow/dataclass_config.py" with { type: "text" };
import ATTENTION_WEIGHTS from "./tensorflow/attention_weights.py" with { type: "text" };
import DOT_PRODUCT_ATTENTION from "./tensorflow/dot_product_attention.py" with { type: "text" };
import MAKE_CAUSAL_MASK from "./tensorflow/make_causal_mask.py" with { type: "text" };
import MULTI_HEAD_ATTENTION from "./tensorflow/multi_head_attention.py" with { type: "text" };
import { withAttentionInit } from "./attention_init.ts";

/** The `__init__` of a user Variable subclass that is not a Param: a non-trainable Keras variable. */
const NON_TRAINABLE_INIT = "def __init__(self, value):\n    super().__init__(value, trainable=False)\n";

/** The TensorFlow/Keras stateful tables. */
export const tensorflowStateful: StatefulTarget = {
  moduleBase: "keras.Layer",
  callMethod: "call",
  callNeedsArgument: true,
  nonTensorPositionalFlag: "_allow_non_tensor_positional_args",
  reservedCallArgs: {
    mask: "Keras fills a `mask=None` argument from the input's `_keras_mask` and propagates masks",
    training: "Keras fills a `training=None` argument from the outer call or `model.fit`",
  },
  callsSuperInit: true,
  saveable: true,
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
    random_key: { emit: "keras.random.SeedGenerator(seed)" },
    random_split: { emit: "split_key(key, num)", helpers: ["split_key"] },
    random_normal: { emit: "keras.random.normal(shape, dtype=dtype, seed=key)" },
    random_uniform: { emit: "keras.random.uniform(shape, minval=minval, maxval=maxval, dtype=dtype, seed=key)" },
    ...randomDraws("keras.random.randint(shape, minval, maxval, dtype=dtype, seed=key)"),
  },
  helpers: {
    Linear: pyHelper(LINEAR),
    Conv: pyHelper(CONV),
    conv_general_dilated: pyHelper(CONV_GENERAL_DILATED),
    depthwise_conv: pyHelper(DEPTHWISE_CONV),
    dilate: pyHelper(DILATE),
    ConvTranspose: pyHelper(CONV_TRANSPOSE),
    ...SHARED_HELPERS,
    RMSNorm: pyHelper(RMS_NORM),
    GroupNorm: pyHelper(GROUP_NORM),
    flax_params: pyHelper(FLAX_PARAMS),
    WeightNorm: pyHelper(WEIGHT_NORM),
    SpectralNorm: pyHelper(SPECTRAL_NORM),
    substituted_call: pyHelper(SUBSTITUTED_CALL),
    pool: pyHelper(POOL),
    avg_pool: pyHelper(AVG_POOL),
    max_pool: pyHelper(MAX_POOL),
    min_pool: pyHelper(MIN_POOL),
    LayerNorm: pyHelper(LAYER_NORM),
    BatchNorm: pyHelper(BATCH_NORM),
    Embed: pyHelper(EMBED),
    LinearGeneral: pyHelper(LINEAR_GENERAL),
    keras_initializer: pyHelper(KERAS_INITIALIZER),
    norm_weights: pyHelper(NORM_WEIGHTS),
    Einsum: pyHelper(EINSUM),
    LoRA: pyHelper(LORA),
    LoRALinear: pyHelper(LORA_LINEAR),
    MultiHeadAttention: {
      source: withAttentionInit(MULTI_HEAD_ATTENTION, {
        superInit: true,
        layerNorm: "LayerNorm(self.head_dim, use_bias=False)",
        state: `        self.seed_generator = None
        if dropout_rate > 0.0:
            self.seed_generator = (
                keras.random.SeedGenerator() if rngs is None else rngs.dropout()
            )
        self.cached_key = self.cached_value = self.cache_index = None
`,
      }),
      needs: ["LinearGeneral", "LayerNorm", "UnlockedState", "attention_weights", "dot_product_attention"],
    },
    attention_weights: { source: ATTENTION_WEIGHTS },
    dot_product_attention: { source: DOT_PRODUCT_ATTENTION, needs: ["attention_weights"] },
    make_causal_mask: { source: MAKE_CAUSAL_MASK },
    Dropout: pyHelper(DROPOUT),
    Sequential: pyHelper(SEQUENTIAL),
    Rngs: rngsSource("keras.random.SeedGenerator", "keras.random.SeedGenerator(seed)", true, {
      test: "tf.executing_eagerly()",
      imports: { tf: "import tensorflow as tf" },
    }),
    from_keras_config: { source: FROM_KERAS_CONFIG },
    dataclass_config: { source: DATACLASS_CONFIG },
    split_key: pyHelper(SPLIT_KEY),
    ...TENSORFLOW_RANDOM,
    UnlockedState: pyHelper(UNLOCKED_STATE),
    ...TENSORFLOW_RECURRENT,
    flax_arrays: FLAX_ARRAYS,
    flax_targets: FLAX_TARGETS,
    load_flax_state: pyHelper(LOAD_FLAX_STATE),
  },
  moduleHelpers: ["load_flax_state"],
};
