/**
 * The TensorFlow/Keras target.
 *
 * @module
 */
import type { Target } from "../emitter.ts";
import { tensorflowOps } from "./ops.ts";
import { tensorflowHelpers } from "./helpers.ts";

/** Everything the `tensorflow` stage writes with. */
export const tensorflowTarget: Target = {
  name: "tensorflow",
  ops: tensorflowOps,
  helpers: tensorflowHelpers,
  dtypes: {
    float32: "tf.float32",
    float16: "tf.float16",
    bfloat16: "tf.bfloat16",
    float64: "tf.float64",
    int32: "tf.int32",
    int64: "tf.int64",
    int8: "tf.int8",
    uint8: "tf.uint8",
    bool_: "tf.bool",
  },
  operatorOps: { "@": "matmul" },
  imports: {
    functools: "import functools",
    dataclasses: "import dataclasses",
    math: "import math",
    np: "import numpy as np",
    keras: "import keras",
    tf: "import tensorflow as tf",
    tnp: "import tensorflow.experimental.numpy as tnp",
  },
};
