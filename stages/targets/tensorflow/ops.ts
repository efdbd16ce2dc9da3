/**
 * How TensorFlow writes each ivy core op. TF does not promote mixed dtypes
 * and its `tf.Tensor` has no in-place update, so a few rows use helpers.
 *
 * @module
 */
import type { OpTable } from "../emitter.ts";
import type { Expr } from "../../ast.ts";

const isNone = (e?: Expr) => e === undefined || (e.kind === "Constant" && e.value === null);
const isTrue = (e?: Expr) => e === undefined || (e.kind === "Constant" && e.value === true);
const isZero = (e?: Expr) => e === undefined || (e.kind === "Constant" && e.value === 0);

/** The tensorflow emitter table. */
export const tensorflowOps: OpTable = {
  zeros: "tf.zeros(shape, dtype=dtype)",
  ones: "tf.ones(shape, dtype=dtype)",
  full: (
    a,
  ) => (isNone(a.get("dtype")) ? "tf.fill(shape, fill_value)" : "tf.fill(shape, tf.constant(fill_value, dtype=dtype))"),
  zeros_like: "tf.zeros_like(x, dtype=dtype)",
  ones_like: "tf.ones_like(x, dtype=dtype)",
  full_like: (
    a,
  ) => (isNone(a.get("dtype"))
    ? { emit: "full_like(x, fill_value)", helpers: ["full_like"] }
    : "tf.fill(tf.shape(x), tf.cast(fill_value, dtype))"),
  arange: (a) => {
    const step = isNone(a.get("step")) ? "" : ", step";
    return isNone(a.get("stop"))
      ? `tf.range(${step ? "0, start" : "start"}${step}, dtype=dtype)`
      : `tf.range(start, stop${step}, dtype=dtype)`;
  },
  linspace: (a) => {
    const endpoint = a.get("endpoint");
    if (isTrue(endpoint)) return "tf.cast(tf.linspace(start, stop, num), dtype)";
    if (endpoint?.kind === "Constant" && endpoint.value === false) return "tf.cast(tf.linspace(start, stop, num + 1)[:-1], dtype)";
    return "error: jnp.linspace needs `endpoint` as a literal True or False";
  },
  eye: (
    a,
  ) => (isZero(a.get("k")) ? "tf.eye(n, m, dtype=dtype)" : { emit: "eye(n, m, k=k, dtype=dtype)", helpers: ["eye"] }),
  asarray: { emit: "asarray(obj, dtype=dtype)", helpers: ["asarray"] },
  add: "tf.add(x, y)",
  subtract: "tf.subtract(x, y)",
  multiply: "tf.multiply(x, y)",
  divide: { emit: "divide(x, y)", helpers: ["divide"] },
  power: "tf.pow(x, y)",
  maximum: "tf.maximum(x, y)",
  minimum: "tf.minimum(x, y)",
  abs: "tf.abs(x)",
  negative: "tf.negative(x)",
  exp: "tf.exp(x)",
  log: "tf.math.log(x)",
  log1p: "tf.math.log1p(x)",
  sqrt: "tf.sqrt(x)",
  rsqrt: "tf.math.rsqrt(x)",
  square: "tf.square(x)",
  sin: "tf.sin(x)",
  cos: "tf.cos(x)",
  tanh: "tf.tanh(x)",
  floor: "tf.floor(x)",
  ceil: "tf.math.ceil(x)",
  sign: "tf.sign(x)",
  clip: (a) => {
    if (isNone(a.get("min"))) return "tf.minimum(x, max)";
    if (isNone(a.get("max"))) return "tf.maximum(x, min)";
    return "tf.clip_by_value(x, min, max)";
  },
  where: "tf.where(condition, x, y)",
  equal: "tf.equal(x, y)",
  not_equal: "tf.not_equal(x, y)",
  less: "tf.less(x, y)",
  less_equal: "tf.less_equal(x, y)",
  greater: "tf.greater(x, y)",
  greater_equal: "tf.greater_equal(x, y)",
  logical_and: "tf.logical_and(x, y)",
  logical_or: "tf.logical_or(x, y)",
  logical_not: "tf.logical_not(x)",
  sum: "tf.reduce_sum(x, axis=axis, keepdims=keepdims)",
  mean: "tf.reduce_mean(x, axis=axis, keepdims=keepdims)",
  max: "tf.reduce_max(x, axis=axis, keepdims=keepdims)",
  min: "tf.reduce_min(x, axis=axis, keepdims=keepdims)",
  prod: "tf.reduce_prod(x, axis=axis, keepdims=keepdims)",
  var: { emit: "var(x, axis=axis, keepdims=keepdims, ddof=ddof)", helpers: ["var"] },
  std: { emit: "tf.sqrt(var(x, axis=axis, keepdims=keepdims, ddof=ddof))", helpers: ["var"] },
  argmax: { emit: "argmax(x, axis=axis, keepdims=keepdims)", helpers: ["argmax"] },
  argmin: { emit: "argmax(-x, axis=axis, keepdims=keepdims)", helpers: ["argmax"] },
  cumsum: (a) => (isNone(a.get("axis")) ? "tf.cumsum(tf.reshape(x, [-1]))" : "tf.cumsum(x, axis=axis)"),
  argsort: (
    a,
  ) => (isNone(a.get("axis"))
    ? "tf.argsort(tf.reshape(x, [-1]), stable=True)"
    : "tf.argsort(x, axis=axis, stable=True)"),
  sort: (a) => (isNone(a.get("axis")) ? "tf.sort(tf.reshape(x, [-1]))" : "tf.sort(x, axis=axis)"),
  all: "tf.reduce_all(x, axis=axis, keepdims=keepdims)",
  any: "tf.reduce_any(x, axis=axis, keepdims=keepdims)",
  logsumexp: "tf.reduce_logsumexp(x, axis=axis, keepdims=keepdims)",
  reshape: "tf.reshape(x, shape)",
  transpose: "tf.transpose(x, perm=axes)",
  swapaxes: { emit: "swapaxes(x, axis1, axis2)", helpers: ["swapaxes"] },
  expand_dims: "tf.expand_dims(x, axis)",
  squeeze: "tf.squeeze(x, axis=axis)",
  concatenate: "tf.concat(arrays, axis)",
  stack: "tf.stack(arrays, axis=axis)",
  split: { emit: "split(x, indices_or_sections, axis=axis)", helpers: ["split"] },
  pad: { emit: "pad(x, pad_width, constant_value)", helpers: ["pad"] },
  take_along_axis: "tf.experimental.numpy.take_along_axis(x, indices, axis)",
  take: "tf.gather(x, indices, axis=axis)",
  broadcast_to: "tf.broadcast_to(x, shape)",
  shape: "tuple(x.shape)",
  ndim: "x.ndim",
  size: "int(tf.size(x))",
  dtype: "x.dtype",
  astype: "tf.cast(x, dtype)",
  // NumPy rules for 1-D operands, which tf.linalg.matmul rejects.
  matmul: "tf.experimental.numpy.matmul(x, y)",
  dot: { emit: "dot(x, y)", helpers: ["dot"] },
  einsum: "tf.einsum(subscripts, *operands)",
  relu: "tf.nn.relu(x)",
  // tf.nn.gelu's default is exact; JAX's the tanh approximation.
  gelu: (
    a,
  ) => (isTrue(a.get("approximate")) ? "tf.nn.gelu(x, approximate=True)" : "tf.nn.gelu(x, approximate=approximate)"),
  silu: "tf.nn.silu(x)",
  sigmoid: "tf.sigmoid(x)",
  softmax: "tf.nn.softmax(x, axis=axis)",
  log_softmax: "tf.nn.log_softmax(x, axis=axis)",
  one_hot: "tf.one_hot(x, num_classes, dtype=dtype)",
  at_set: { emit: "at_update(x, index, values, tf.tensor_scatter_nd_update)", helpers: ["at_update"] },
  at_add: { emit: "at_update(x, index, values, tf.tensor_scatter_nd_add)", helpers: ["at_update"] },
  at_multiply: { emit: "at_multiply(x, index, values)", helpers: ["at_multiply"] },
  at_get: { emit: "getitem(x, index)", helpers: ["getitem"] },
};
