/**
 * Flax NNX on PyTorch. A Module is a `torch.nn.Module` (`__call__` becomes
 * `forward`); `nnx.Param` is a `torch.nn.Parameter` and every other Variable
 * a buffer (a user Variable subclass extends `torch.nn.Buffer`), so
 * `self.count.value += 1` is `self.count += 1` and the new value is
 * `model.count`. `Linear`, `LayerNorm`, `RMSNorm`, `Embed` and `List` are torch's own
 * classes; `Conv` (channels-last, Flax's asymmetric `"SAME"`, input dilation),
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
import { rngsEmit, type StatefulTarget } from "../target.ts";
import { FLAX_ARRAYS } from "../flax_arrays.ts";
import { CONV_RULES, rngsSource, sharedEmits } from "./shared.ts";
import { randomDraws, TORCH_RANDOM } from "./random_helpers.ts";
import {
  AVG_POOL,
  BATCH_NORM,
  CONV,
  CONV_TRANSPOSE,
  DILATE,
  DROPOUT,
  EMBED,
  FUNCTION,
  GROUP_NORM,
  LINEAR_GENERAL,
  LOAD_FLAX_STATE,
  MAX_POOL,
  MIN_POOL,
  POOL,
  SEQUENTIAL,
  SPLIT_KEY,
} from "./torch_helpers.ts";
import DOT_PRODUCT_ATTENTION from "./torch/dot_product_attention.py" with { type: "text" };
import MAKE_CAUSAL_MASK from "./torch/make_causal_mask.py" with { type: "text" };
import MULTI_HEAD_ATTENTION from "./torch/multi_head_attention.py" with { type: "text" };

/** The torch stateful tables. */
export const torchStateful: StatefulTarget = {
  moduleBase: "torch.nn.Module",
  callMethod: "forward",
  callsSuperInit: true,
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
    Linear: { emit: "torch.nn.Linear(in_features, out_features, bias=use_bias)" },
    ...sharedEmits(),
    RMSNorm: {
      emit: "torch.nn.RMSNorm(num_features, eps=epsilon, elementwise_affine=use_scale)",
      keepDefaults: ["epsilon"],
    },
    LayerNorm: {
      emit: (a) => {
        const flag = (n: string) => a.get(n)?.kind === "Constant" ? (a.get(n) as { value: unknown }).value : undefined;
        if (flag("use_scale") === false && flag("use_bias") !== false) {
          return "error: torch.nn.LayerNorm cannot have a bias without a scale";
        }
        return flag("use_scale") === false
          ? "torch.nn.LayerNorm(num_features, eps=epsilon, elementwise_affine=use_scale)"
          : "torch.nn.LayerNorm(num_features, eps=epsilon, bias=use_bias)";
      },
      keepDefaults: ["epsilon"],
    },
    BatchNorm: {
      emit: "BatchNorm(num_features, use_running_average=use_running_average, axis=axis, momentum=momentum, " +
        "epsilon=epsilon, use_bias=use_bias, use_scale=use_scale)",
      helpers: ["BatchNorm"],
    },
    Embed: {
      emit: (
        _a,
        facts,
      ) => (facts.attends ? "Embed(num_embeddings, features)" : "torch.nn.Embedding(num_embeddings, features)"),
      helpers: (_a, facts) => (facts.attends ? ["Embed"] : []),
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
    List: { emit: "torch.nn.ModuleList(items)" },
    Rngs: { emit: rngsEmit, helpers: ["Rngs"] },
    random_key: { emit: "torch.Generator().manual_seed(seed)" },
    random_split: { emit: "split_key(key, num)", helpers: ["split_key"] },
    random_normal: { emit: "torch.randn(shape, generator=key, dtype=dtype)" },
    random_uniform: { emit: "torch.empty(shape, dtype=dtype).uniform_(minval, maxval, generator=key)" },
    ...randomDraws("torch.randint(minval, maxval, shape, generator=key, dtype=dtype)"),
  },
  helpers: {
    Conv: { source: CONV, needs: ["conv_sizes", "conv_padding", "dilate"] },
    dilate: { source: DILATE },
    ConvTranspose: { source: CONV_TRANSPOSE, needs: ["conv_sizes", "conv_transpose_padding"] },
    ...CONV_RULES,
    GroupNorm: { source: GROUP_NORM },
    pool: { source: POOL, needs: ["conv_padding"] },
    avg_pool: { source: AVG_POOL, needs: ["pool"] },
    max_pool: { source: MAX_POOL, needs: ["pool"] },
    min_pool: { source: MIN_POOL, needs: ["max_pool"] },
    BatchNorm: { source: BATCH_NORM },
    Embed: { source: EMBED },
    LinearGeneral: { source: LINEAR_GENERAL },
    MultiHeadAttention: { source: MULTI_HEAD_ATTENTION, needs: ["LinearGeneral", "dot_product_attention"] },
    dot_product_attention: { source: DOT_PRODUCT_ATTENTION },
    make_causal_mask: { source: MAKE_CAUSAL_MASK },
    Dropout: { source: DROPOUT },
    Function: { source: FUNCTION },
    Sequential: { source: SEQUENTIAL, needs: ["Function"] },
    Rngs: rngsSource("torch.Generator", "torch.Generator().manual_seed(seed)"),
    split_key: { source: SPLIT_KEY },
    ...TORCH_RANDOM,
    flax_arrays: FLAX_ARRAYS,
    load_flax_state: { source: LOAD_FLAX_STATE, needs: ["flax_arrays"] },
  },
  moduleHelpers: ["load_flax_state"],
};
