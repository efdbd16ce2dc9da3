/**
 * Flax NNX training-loop methods on the targets. `model.train()` /
 * `model.eval()`: torch's own methods (the Dropout, BatchNorm and
 * MultiHeadAttention helpers override `train(mode)` to set Flax's
 * attributes); on Keras and NumPy a `set_attributes` helper, Flax's
 * `Module.set_attributes`, setting `deterministic` and `use_running_average`
 * on every nested layer that has them.
 *
 * `nnx.metrics` (`Average`, `Accuracy`, `Welford`, `MultiMetric`): small
 * helper classes per target computing Flax's formulas on the target's arrays
 * (`MultiMetric` and Welford's `Statistics` are target-independent Python).
 *
 * @module
 */
import type { EmitFn, Helper, OpTable } from "./emitter.ts";
import type { Expr } from "../ast.ts";
import { isTrue } from "../literals.ts";
import { printExpr } from "../print.ts";
import { pyHelper } from "./python_helper.ts";
import TF_SET_ATTRIBUTES from "./tensorflow/helpers/set_attributes.py" with { type: "text" };
import NUMPY_SET_ATTRIBUTES from "./numpy/helpers/set_attributes.py" with { type: "text" };
import MULTI_METRIC from "./shared/multi_metric.py" with { type: "text" };
import STATISTICS from "./shared/statistics.py" with { type: "text" };
import TORCH_AVERAGE from "./torch/helpers/average.py" with { type: "text" };
import TORCH_ACCURACY from "./torch/helpers/accuracy.py" with { type: "text" };
import TORCH_WELFORD from "./torch/helpers/welford.py" with { type: "text" };
import TF_AVERAGE from "./tensorflow/helpers/average.py" with { type: "text" };
import TF_ACCURACY from "./tensorflow/helpers/accuracy.py" with { type: "text" };
import TF_WELFORD from "./tensorflow/helpers/welford.py" with { type: "text" };
import NUMPY_AVERAGE from "./numpy/helpers/average.py" with { type: "text" };
import NUMPY_ACCURACY from "./numpy/helpers/accuracy.py" with { type: "text" };
import NUMPY_WELFORD from "./numpy/helpers/welford.py" with { type: "text" };

/** The core ops of this module. */
type NnxTrainingOp =
  | "nnx_set_mode"
  | "metric_average"
  | "metric_accuracy"
  | "metric_welford"
  | "multi_metric"
  | "nnx_params"
  | "nnx_state";

/** `set_attributes(module, deterministic=..., use_running_average=...)`, Flax's values for the mode. */
const setAttributes: EmitFn = (a) => {
  const value = isTrue(a.get("training")) ? "False" : "True";
  return {
    emit: `set_attributes(module, deterministic=${value}, use_running_average=${value})`,
    helpers: ["set_attributes"],
  };
};

/** `MultiMetric(loss=..., accuracy=...)`: the dict the jax stage packed, as keywords again. */
const multiMetric: EmitFn = (a) => {
  const metrics = a.get("metrics");
  if (metrics?.kind !== "Dict") return "error: `nnx.MultiMetric` takes its metrics as keyword arguments";
  const keywords = metrics.keys.map((k: Expr | null, i) =>
    `${(k as { value: string }).value}=${printExpr(metrics.values[i])}`
  );
  return { emit: `MultiMetric(${keywords.join(", ")})`, helpers: ["MultiMetric"] };
};

/**
 * A metric's constructor with the arguments that differ from Flax's defaults, as a user writes it:
 * `Average("loss")`, `Accuracy()`, `Accuracy(threshold=0.5)`.
 */
const metricCall =
  (cls: string, params: readonly [name: string, fallback: string, keyword: boolean][]): EmitFn => (a) => {
    const given = params.filter(([name, fallback]) => {
      const e = a.get(name);
      return e !== undefined && printExpr(e) !== fallback;
    });
    const args = given.map(([name, , keyword]) => (keyword ? `${name}=${name}` : name));
    return { emit: `${cls}(${args.join(", ")})`, helpers: [cls] };
  };

/** The metric rows, the same on every target (each target's helper classes differ). */
const METRICS = {
  metric_average: metricCall("Average", [["argname", '"values"', false]]),
  metric_accuracy: metricCall("Accuracy", [["threshold", "None", true], ["argname", '"values"', true]]),
  metric_welford: metricCall("Welford", [["argname", '"values"', false]]),
  multi_metric: multiMetric,
} as const;

/** The helpers of each target's metric classes. */
function metricHelpers(average: string, accuracy: string, welford: string): Record<string, Helper> {
  return {
    Average: pyHelper(average),
    Accuracy: pyHelper(accuracy),
    Welford: pyHelper(welford),
    Statistics: pyHelper(STATISTICS),
    MultiMetric: pyHelper(MULTI_METRIC),
  };
}

/** The torch rows. */
export const TORCH_NNX_TRAINING_OPS: Pick<OpTable, NnxTrainingOp> = {
  nnx_set_mode: (a) => (isTrue(a.get("training")) ? "module.train()" : "module.eval()"),
  ...METRICS,
  nnx_params: "dict(module.named_parameters())",
  nnx_state: "module.state_dict()",
};

/** The TensorFlow rows. */
export const TENSORFLOW_NNX_TRAINING_OPS: Pick<OpTable, NnxTrainingOp> = {
  nnx_set_mode: setAttributes,
  ...METRICS,
  nnx_params: "module.trainable_variables",
  nnx_state: "module.variables",
};

/** The NumPy rows. */
export const NUMPY_NNX_TRAINING_OPS: Pick<OpTable, NnxTrainingOp> = {
  nnx_set_mode: setAttributes,
  ...METRICS,
  nnx_params: {
    unsupported: "NumPy modules keep no registry of their parameters, so no `nnx.state(model, nnx.Param)`",
  },
  nnx_state: { unsupported: "NumPy modules keep no registry of their state, so no `nnx.state(model)`" },
};

/** The TensorFlow helpers. */
export const TENSORFLOW_NNX_TRAINING_HELPERS: Record<string, Helper> = {
  set_attributes: pyHelper(TF_SET_ATTRIBUTES),
  ...metricHelpers(TF_AVERAGE, TF_ACCURACY, TF_WELFORD),
};

/** The torch helpers. */
export const TORCH_NNX_TRAINING_HELPERS: Record<string, Helper> = metricHelpers(
  TORCH_AVERAGE,
  TORCH_ACCURACY,
  TORCH_WELFORD,
);

/** The NumPy helpers. */
export const NUMPY_NNX_TRAINING_HELPERS: Record<string, Helper> = {
  set_attributes: pyHelper(NUMPY_SET_ATTRIBUTES),
  ...metricHelpers(NUMPY_AVERAGE, NUMPY_ACCURACY, NUMPY_WELFORD),
};
