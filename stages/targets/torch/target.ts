/**
 * The PyTorch target.
 *
 * @module
 */
import type { Target } from "../emitter.ts";
import { torchOps } from "./ops.ts";
import { torchHelpers } from "./helpers.ts";

/** Everything the `torch` stage writes with. */
export const torchTarget: Target = {
  name: "torch",
  ops: torchOps,
  helpers: torchHelpers,
  dtypes: {
    float32: "torch.float32",
    float16: "torch.float16",
    bfloat16: "torch.bfloat16",
    float64: "torch.float64",
    int32: "torch.int32",
    int64: "torch.int64",
    int8: "torch.int8",
    uint8: "torch.uint8",
    bool_: "torch.bool",
  },
  imports: { functools: "import functools", math: "import math", np: "import numpy as np", torch: "import torch" },
};
