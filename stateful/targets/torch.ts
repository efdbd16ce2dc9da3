/**
 * Flax NNX on PyTorch. A Module is a `torch.nn.Module` (`__call__` becomes
 * `forward`); `nnx.Param` is a `torch.nn.Parameter` and every other Variable
 * a buffer (a user Variable subclass extends `torch.nn.Buffer`), so
 * `self.count.value += 1` is `self.count += 1` and the new value is
 * `model.count`. `LayerNorm`, `RMSNorm`, `Embed` and `List` are torch's own
 * classes, `Linear` a `torch.nn.Linear` starting from Flax's initializers;
 * `Conv` (channels-last, Flax's asymmetric `"SAME"`, input dilation),
 * `ConvTranspose` (torch's `conv_transpose` with the kernel flipped and swapped, its output
 * cropped to JAX's padding), `GroupNorm` (channels-last, Flax's variance), `BatchNorm`
 * (Flax's momentum and biased running variance; `model.train()`/`eval()` set
 * its `use_running_average`), `Dropout` (`deterministic`), `Sequential` (plain functions allowed) and `Rngs`
 * (streams of `torch.Generator`s) are small helper classes; the pooling
 * functions pad as `lax.reduce_window` does and call torch's pooling.
 *
 * `MultiHeadAttention` is a helper, not `torch.nn.MultiheadAttention` (packed
 * weights, other masking): its `query`/`key`/`value`/`out` projections keep
 * Flax's names and layouts (`kernel` (in, heads, head_dim), (heads,
 * head_dim, out)), so `load_flax_state` copies them as they are.
 *
 * Layouts: torch keeps its own (Linear weight (out, in), Conv weight
 * (out, in, *window)); `load_flax_state` is the one place that converts.
 *
 * @module
 */
import AVG_POOL from "./torch/avg_pool.py" with { type: "text" };
import BATCH_NORM from "./torch/batch_norm.py" with { type: "text" };
import CONV from "./torch/conv.py" with { type: "text" };
import CONV_GENERAL_DILATED from "./torch/conv_general_dilated.py" with { type: "text" };
import CONV_TRANSPOSE from "./torch/conv_transpose.py" with { type: "text" };
import DILATE from "./torch/dilate.py" with { type: "text" };
import DROPOUT from "./torch/dropout.py" with { type: "text" };
import EMBED from "./torch/embed.py" with { type: "text" };
import FUNCTION from "./torch/function.py" with { type: "text" };
import GROUP_NORM from "./torch/group_norm.py" with { type: "text" };
import LINEAR_GENERAL from "./torch/linear_general.py" with { type: "text" };
import LAYER_NORM from "./torch/layer_norm.py" with { type: "text" };
import RMS_NORM from "./torch/rms_norm.py" with { type: "text" };
import { normParamsHelper } from "./norm_params.ts";
import CONV_WEIGHT from "./torch/conv_weight.py" with { type: "text" };
import LECUN_NORMAL from "./torch/lecun_normal.py" with { type: "text" };
import LOAD_FLAX_STATE from "./torch/load_flax_state.py" with { type: "text" };
import MAX_POOL from "./torch/max_pool.py" with { type: "text" };
import MIN_POOL from "./shared/min_pool.py" with { type: "text" };
import POOL from "./torch/pool.py" with { type: "text" };
import SEQUENTIAL from "./torch/sequential.py" with { type: "text" };
import SPLIT_KEY from "./torch/split_key.py" with { type: "text" };
import { pyHelper } from "../../stages/targets/python_helper.ts";
import FLAX_PARAMS from "./torch/flax_params.py" with { type: "text" };
import WEIGHT_NORM from "./torch/weight_norm.py" with { type: "text" };
import SPECTRAL_NORM from "./torch/spectral_norm.py" with { type: "text" };
import { rngsEmit, type StatefulTarget } from "../target.ts";
import { FLAX_ARRAYS, FLAX_TARGETS } from "../flax_arrays.ts";
import { KERNEL_INITS, normInitialized, normInits, rngsSource, SHARED_HELPERS, sharedEmits } from "./shared.ts";
import { recurrentEmits, TORCH_RECURRENT } from "./recurrent.ts";
import { randomDraws, TORCH_RANDOM } from "./random_helpers.ts";
import EINSUM from "./torch/einsum.py" with { type: "text" };
import LORA from "./torch/lora.py" with { type: "text" };
import LORA_LINEAR from "./torch/lora_linear.py" with { type: "text" };
import LINEAR from "./torch/linear.py" with { type: "text" };
import DOT_PRODUCT_ATTENTION from "./torch/dot_product_attention.py" with { type: "text" };
import MAKE_CAUSAL_MASK from "./torch/make_causal_mask.py" with { type: "text" };
import MULTI_HEAD_ATTENTION from "./torch/multi_head_attention.py" with { type: "text" };
import { withAttentionInit } from "./attention_init.ts";

/** The torch stateful tables. */
export const torchStateful: StatefulTarget = {
  moduleBase: "torch.nn.Module",
  callMethod: "forward",
  callsSuperInit: true,
  modeMethod: true,
  variableBases: {
    Variable: "torch.nn.Buffer",
    Param: "torch.nn.Parameter",
    BatchStat: "torch.nn.Buffer",
    Cache: "torch.nn.Buffer",
    Intermediate: "torch.nn.Buffer",
  },
  valueAccess: "tensor",
  ops: {
    Variable: { emit: "torch.nn.Buffer(value)" },
    Param: { emit: "torch.nn.Parameter(value)" },
    BatchStat: { emit: "torch.nn.Buffer(value)" },
    Cache: { emit: "torch.nn.Buffer(value)" },
    Intermediate: { emit: "torch.nn.Buffer(value)" },
    Linear: {
      emit: `Linear(in_features, out_features, use_bias=use_bias, ${KERNEL_INITS}, rngs=rngs)`,
      helpers: ["Linear"],
    },
    ...sharedEmits(),
    ...recurrentEmits(),
    // torch's own norms unless an initializer needs the helper
    RMSNorm: {
      emit: (a) =>
        normInitialized(a)
          ? `RMSNorm(num_features, epsilon=epsilon, use_scale=use_scale${normInits(a, ["scale_init"])})`
          : "torch.nn.RMSNorm(num_features, eps=epsilon, elementwise_affine=use_scale)",
      helpers: (a) => (normInitialized(a) ? ["RMSNorm"] : []),
      keepDefaults: ["epsilon"],
    },
    LayerNorm: {
      emit: (a) => {
        if (normInitialized(a)) {
          return `LayerNorm(num_features, epsilon=epsilon, use_bias=use_bias, use_scale=use_scale${normInits(a)})`;
        }
        const flag = (n: string) => a.get(n)?.kind === "Constant" ? (a.get(n) as { value: unknown }).value : undefined;
        if (flag("use_scale") === false && flag("use_bias") !== false) {
          return "error: torch.nn.LayerNorm cannot have a bias without a scale";
        }
        return flag("use_scale") === false
          ? "torch.nn.LayerNorm(num_features, eps=epsilon, elementwise_affine=use_scale)"
          : "torch.nn.LayerNorm(num_features, eps=epsilon, bias=use_bias)";
      },
      helpers: (a) => (normInitialized(a) ? ["LayerNorm"] : []),
      keepDefaults: ["epsilon"],
    },
    BatchNorm: {
      emit: (a) =>
        "BatchNorm(num_features, use_running_average=use_running_average, axis=axis, momentum=momentum, " +
        `epsilon=epsilon, use_bias=use_bias, use_scale=use_scale${normInits(a)})`,
      helpers: ["BatchNorm"],
    },
    // a torch.nn.Embedding drawing Flax's initial rows from rngs, with Flax's attend
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
    List: { emit: "torch.nn.ModuleList(items)" },
    Dict: { emit: "torch.nn.ModuleDict(items)" },
    Rngs: { emit: rngsEmit, helpers: ["Rngs"] },
    random_key: { emit: "torch.Generator().manual_seed(seed)" },
    random_split: { emit: "split_key(key, num)", helpers: ["split_key"] },
    random_normal: { emit: "torch.randn(shape, generator=key, dtype=dtype)" },
    random_uniform: { emit: "torch.empty(shape, dtype=dtype).uniform_(minval, maxval, generator=key)" },
    ...randomDraws("torch.randint(minval, maxval, shape, generator=key, dtype=dtype)"),
  },
  helpers: {
    Conv: pyHelper(CONV),
    conv_general_dilated: pyHelper(CONV_GENERAL_DILATED),
    dilate: pyHelper(DILATE),
    ConvTranspose: pyHelper(CONV_TRANSPOSE),
    conv_weight: pyHelper(CONV_WEIGHT),
    lecun_normal: pyHelper(LECUN_NORMAL),
    LayerNorm: pyHelper(LAYER_NORM),
    RMSNorm: pyHelper(RMS_NORM),
    norm_params: normParamsHelper({
      ns: "torch",
      param: (value) => `torch.nn.Parameter(torch.as_tensor(${value}, dtype=torch.float32))`,
      imports: { torch: "import torch" },
    }),
    ...SHARED_HELPERS,
    GroupNorm: pyHelper(GROUP_NORM),
    flax_params: pyHelper(FLAX_PARAMS),
    WeightNorm: pyHelper(WEIGHT_NORM),
    SpectralNorm: pyHelper(SPECTRAL_NORM),
    pool: pyHelper(POOL),
    avg_pool: pyHelper(AVG_POOL),
    max_pool: pyHelper(MAX_POOL),
    min_pool: pyHelper(MIN_POOL),
    BatchNorm: pyHelper(BATCH_NORM),
    Embed: pyHelper(EMBED),
    LinearGeneral: pyHelper(LINEAR_GENERAL),
    Einsum: pyHelper(EINSUM),
    LoRA: pyHelper(LORA),
    Linear: pyHelper(LINEAR),
    LoRALinear: pyHelper(LORA_LINEAR),
    MultiHeadAttention: {
      source: withAttentionInit(MULTI_HEAD_ATTENTION, {
        superInit: true,
        layerNorm: "torch.nn.LayerNorm(self.head_dim, eps=1e-6, bias=False)",
        state: `        self.generator = (
            rngs.dropout() if rngs is not None and dropout_rate > 0.0 else None
        )
        for name in ("cached_key", "cached_value", "cache_index"):
            self.register_buffer(name, None)  # init_cache fills them
`,
      }),
      needs: ["LinearGeneral", "dot_product_attention"],
    },
    dot_product_attention: pyHelper(DOT_PRODUCT_ATTENTION),
    make_causal_mask: { source: MAKE_CAUSAL_MASK },
    Dropout: pyHelper(DROPOUT),
    Function: pyHelper(FUNCTION),
    Sequential: pyHelper(SEQUENTIAL),
    Rngs: rngsSource("torch.Generator", "torch.Generator().manual_seed(seed)", false, {
      test: "not torch.compiler.is_compiling()",
    }),
    split_key: pyHelper(SPLIT_KEY),
    ...TORCH_RANDOM,
    ...TORCH_RECURRENT,
    flax_arrays: FLAX_ARRAYS,
    flax_targets: FLAX_TARGETS,
    load_flax_state: pyHelper(LOAD_FLAX_STATE),
  },
  moduleHelpers: ["load_flax_state"],
};
