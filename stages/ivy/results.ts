/**
 * The result dtype of each ivy core op, as JAX computes it: part of the core
 * op set's semantics, read by the jax stage (what a Python number passed to
 * a float op becomes) and by the targets' promotion pass.
 *
 * @module
 */
import type { CoreOp } from "./ops.ts";

/** How a core op's result dtype follows from its arguments. */
export type ResultRule =
  | "dtype"
  | "same"
  | "sum"
  | "float"
  | "promote"
  | "divide"
  | "where"
  | "bool"
  | "int32"
  | "python_int";

/** How each core op's result dtype follows from its arguments (JAX's rules). */
export const CORE_RESULTS: Readonly<Partial<Record<CoreOp, ResultRule>>> = {
  zeros: "dtype",
  ones: "dtype",
  full: "dtype",
  zeros_like: "dtype",
  ones_like: "dtype",
  full_like: "dtype",
  arange: "dtype",
  linspace: "dtype",
  eye: "dtype",
  asarray: "dtype",
  astype: "dtype",
  one_hot: "dtype",
  add: "promote",
  subtract: "promote",
  multiply: "promote",
  power: "promote",
  maximum: "promote",
  minimum: "promote",
  matmul: "promote",
  dot: "promote",
  divide: "divide",
  arctan2: "divide",
  outer: "promote",
  where: "where",
  abs: "same",
  negative: "same",
  square: "same",
  sign: "same",
  floor: "same",
  ceil: "same",
  clip: "same",
  max: "same",
  min: "same",
  reshape: "same",
  transpose: "same",
  swapaxes: "same",
  expand_dims: "same",
  squeeze: "same",
  concatenate: "same",
  stack: "same",
  pad: "same",
  take_along_axis: "same",
  take: "same",
  broadcast_to: "same",
  sort: "same",
  flip: "same",
  roll: "same",
  repeat: "same",
  tile: "same",
  moveaxis: "same",
  tril: "same",
  triu: "same",
  round: "same",
  stop_gradient: "same",
  relu: "same",
  at_set: "same",
  at_add: "same",
  at_multiply: "same",
  at_get: "same",
  sum: "sum",
  prod: "sum",
  cumsum: "sum",
  cumprod: "sum",
  exp: "float",
  log: "float",
  log1p: "float",
  sqrt: "float",
  rsqrt: "float",
  sin: "float",
  cos: "float",
  tanh: "float",
  tan: "float",
  log2: "float",
  exp2: "float",
  reciprocal: "float",
  norm: "float",
  softplus: "float",
  log_sigmoid: "float",
  leaky_relu: "float",
  elu: "float",
  relu6: "float",
  standardize: "float",
  mean: "float",
  var: "float",
  std: "float",
  logsumexp: "float",
  gelu: "float",
  silu: "float",
  sigmoid: "float",
  softmax: "float",
  log_softmax: "float",
  softmax_cross_entropy: "float",
  softmax_cross_entropy_with_integer_labels: "float",
  safe_softmax_cross_entropy: "float",
  sigmoid_binary_cross_entropy: "float",
  huber_loss: "float",
  cosine_similarity: "float",
  global_norm: "float",
  equal: "bool",
  not_equal: "bool",
  less: "bool",
  less_equal: "bool",
  greater: "bool",
  greater_equal: "bool",
  logical_and: "bool",
  logical_or: "bool",
  logical_not: "bool",
  isnan: "bool",
  isfinite: "bool",
  all: "bool",
  any: "bool",
  argmax: "int32",
  argmin: "int32",
  argsort: "int32",
  ndim: "python_int",
  size: "python_int",
};

/** True for a core op whose result is JAX's inexact dtype of its first argument (float32 for bool and int). */
export function hasFloatResult(op: string): boolean {
  return CORE_RESULTS[op as CoreOp] === "float";
}
