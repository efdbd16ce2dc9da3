/**
 * The NumPy target.
 *
 * @module
 */
import type { Target } from "../emitter.ts";
import { numpyOps } from "./ops.ts";
import { numpyHelpers } from "./helpers.ts";

/** Everything the `numpy` stage writes with. */
export const numpyTarget: Target = {
  name: "numpy",
  ops: numpyOps,
  helpers: numpyHelpers,
  dtypes: {
    float32: "np.float32",
    float16: "np.float16",
    bfloat16: { unsupported: "NumPy has no bfloat16 dtype" },
    float64: "np.float64",
    int32: "np.int32",
    int64: "np.int64",
    int8: "np.int8",
    uint8: "np.uint8",
    bool_: "np.bool_",
  },
  imports: { math: "import math", np: "import numpy as np" },
};
