/**
 * Flax NNX training-loop methods on the targets. `model.train()` /
 * `model.eval()`: torch's own methods (the Dropout, BatchNorm and
 * MultiHeadAttention helpers override `train(mode)` to set Flax's
 * attributes); on Keras and NumPy a `set_attributes` helper, Flax's
 * `Module.set_attributes`, setting `deterministic` and `use_running_average`
 * on every nested layer that has them.
 *
 * @module
 */
import type { EmitFn, Helper, OpTable } from "./emitter.ts";
import { isTrue } from "../literals.ts";
import { pyHelper } from "./python_helper.ts";
import TF_SET_ATTRIBUTES from "./tensorflow/helpers/set_attributes.py" with { type: "text" };
import NUMPY_SET_ATTRIBUTES from "./numpy/helpers/set_attributes.py" with { type: "text" };

/** The core ops of this module. */
type NnxTrainingOp = "nnx_set_mode";

/** `set_attributes(module, deterministic=..., use_running_average=...)`, Flax's values for the mode. */
const setAttributes: EmitFn = (a) => {
  const value = isTrue(a.get("training")) ? "False" : "True";
  return {
    emit: `set_attributes(module, deterministic=${value}, use_running_average=${value})`,
    helpers: ["set_attributes"],
  };
};

/** The torch rows. */
export const TORCH_NNX_TRAINING_OPS: Pick<OpTable, NnxTrainingOp> = {
  nnx_set_mode: (a) => (isTrue(a.get("training")) ? "module.train()" : "module.eval()"),
};

/** The TensorFlow rows. */
export const TENSORFLOW_NNX_TRAINING_OPS: Pick<OpTable, NnxTrainingOp> = { nnx_set_mode: setAttributes };

/** The NumPy rows. */
export const NUMPY_NNX_TRAINING_OPS: Pick<OpTable, NnxTrainingOp> = { nnx_set_mode: setAttributes };

/** The TensorFlow helpers. */
export const TENSORFLOW_NNX_TRAINING_HELPERS: Record<string, Helper> = {
  set_attributes: pyHelper(TF_SET_ATTRIBUTES),
};

/** The NumPy helpers. */
export const NUMPY_NNX_TRAINING_HELPERS: Record<string, Helper> = {
  set_attributes: pyHelper(NUMPY_SET_ATTRIBUTES),
};
