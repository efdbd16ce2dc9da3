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
 * @module
 */
import type { ApiTable } from "../api.ts";

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
