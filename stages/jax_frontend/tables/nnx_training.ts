/**
 * Training-loop APIs of `flax.nnx` beyond optimizers and gradients:
 * `nnx.Module.train` / `eval` (flax/nnx/module.py), which the `jax` stage
 * reads from `model.train()` / `model.eval()`.
 *
 * `eval()` sets `deterministic=True` and `use_running_average=True` on every
 * nested Module that has these attributes (Dropout, BatchNorm,
 * MultiHeadAttention, and user Modules holding them); `train()` sets them to
 * False. A call's own `deterministic=` / `use_running_average=` still wins,
 * as in Flax. Extra attributes (`model.eval(decode=True)`) are not accepted.
 *
 * `nnx.metrics` (flax/nnx/training/metrics.py): `Average`, `Accuracy`,
 * `Welford` and `MultiMetric` become small target classes computing Flax's
 * formulas (float32 totals, int32 counts, NaN before any update; Accuracy's
 * argmax over the last axis, or its threshold); their `update` / `compute` /
 * `reset` calls stay as they are. `MultiMetric(loss=..., accuracy=...)`
 * reaches its row with its metrics as one dict (the `jax` stage packs them).
 *
 * `nnx.state(model, nnx.Param)` is the target model's trainable parameters
 * (torch: `dict(model.named_parameters())`, Keras: `model.trainable_variables`)
 * and `nnx.state(model)` all of its state (`model.state_dict()`,
 * `model.variables`): their leaves are the same arrays as Flax's in the
 * target's layout (sizes and sums agree, shapes may be transposed), without
 * Flax's RNG state. `nnx.split` / `nnx.merge` / other filters are reported.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";
import type { Expr } from "../../ast.ts";
import { printExpr } from "../../print.ts";

/** `nnx.Module`'s methods, called on a model (checked by `fixtures/modules/train_eval.py`). */
export const nnxModuleTable: ApiTable = {
  train: { sig: "self", ivy: "ivy.nnx_set_mode(self, training=True)", returns: "python" },
  eval: { sig: "self", ivy: "ivy.nnx_set_mode(self, training=False)", returns: "python" },
};

/** `nnx.metrics` (checked by `fixtures/training/metrics.py`). */
export const nnxMetricsTable: ApiTable = {
  Average: { sig: "argname='values'", ivy: "ivy.metric_average(argname)", returns: "python" },
  // Flax passes `*args, **kwargs` on to Average: its one parameter, argname
  Accuracy: {
    sig: "threshold=None, argname='values'",
    ivy: "ivy.metric_accuracy(threshold, argname)",
    returns: "python",
  },
  Welford: { sig: "argname='values'", ivy: "ivy.metric_welford(argname)", returns: "python" },
  // `**metrics`, which the jax stage passes as one dict of name -> metric
  MultiMetric: { sig: "metrics, /", ivy: "ivy.multi_metric(metrics)", returns: "python" },
};

/** True for the filter `nnx.Param`. */
const isParam = (e: Expr): boolean => /(^|\.)Param$/.test(printExpr(e));

/** A Module's split into a graph definition and state, which a target module does not separate. */
const noSplit = (api: string) => () =>
  `error: \`${api}\`: a target module holds its own state (no graph definition apart from it): use ` +
  "`nnx.state(model)` or `nnx.state(model, nnx.Param)`";

/** `nnx.state` and what cannot be translated beside it, rows of the `nnx` table. */
export const NNX_STATE_ROWS: ApiTable = {
  state: {
    sig: "node, *filters",
    ivy: (a) => {
      const filters = a.get("filters");
      const given = filters?.kind === "Tuple" ? filters.elts : [];
      if (given.length === 0) return "ivy.nnx_state(node)";
      return given.length === 1 && isParam(given[0])
        ? "ivy.nnx_params(node)"
        : "error: only `nnx.state(model)` and `nnx.state(model, nnx.Param)` are supported (a target module " +
          "holds parameters and buffers, not Flax's Variable types)";
    },
  },
  split: { sig: "node, *filters", ivy: noSplit("flax.nnx.split"), returns: "python" },
  merge: { sig: "graphdef, state, /, *states", ivy: noSplit("flax.nnx.merge") },
};
