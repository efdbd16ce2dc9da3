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
 * @module
 */
import type { ApiTable } from "../api.ts";

/** `nnx.Module`'s methods, called on a model (checked by `fixtures/modules/train_eval.py`). */
export const nnxModuleTable: ApiTable = {
  train: { sig: "self", ivy: "ivy.nnx_set_mode(self, training=True)", returns: "python" },
  eval: { sig: "self", ivy: "ivy.nnx_set_mode(self, training=False)", returns: "python" },
};
