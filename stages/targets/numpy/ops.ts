/**
 * How NumPy writes each ivy core op. NumPy's float default is float64 and
 * its integer default int64, so creation rows always pass JAX's dtype.
 *
 * @module
 */
import type { OpTable } from "../emitter.ts";
import type { Expr } from "../../ast.ts";

const isNone = (e?: Expr) => e === undefined || (e.kind === "Constant" && e.value === null);

/** The numpy emitter table. */
export const numpyOps: OpTable = {
  zeros: "np.zeros(shape, dtype=dtype)",
  ones: "np.ones(shape, dtype=dtype)",
  full: (
    a,
  ) => (isNone(a.get("dtype"))
    ? { emit: "full(shape, fill_value)", helpers: ["asarray", "full"] }
    : "np.full(shape, fill_value, dtype=dtype)"),
  zeros_like: "np.zeros_like(x, dtype=dtype)",
  ones_like: "np.ones_like(x, dtype=dtype)",
  full_like: "np.full_like(x, fill_value, dtype=dtype)",
  arange: (a) => {
    const step = isNone(a.get("step")) ? "" : ", step";
    return isNone(a.get("stop"))
      ? `np.arange(${step ? "0, start" : "start"}${step}, dtype=dtype)`
      : `np.arange(start, stop${step}, dtype=dtype)`;
  },
  linspace: "np.linspace(start, stop, num, endpoint=endpoint, dtype=dtype)",
  eye: "np.eye(n, m, k=k, dtype=dtype)",
  asarray: { emit: "asarray(obj, dtype=dtype)", helpers: ["asarray"] },
  add: "np.add(x, y)",
  subtract: "np.subtract(x, y)",
  multiply: "np.multiply(x, y)",
  divide: { emit: "divide(x, y)", helpers: ["divide"] },
  power: "np.power(x, y)",
  maximum: "np.maximum(x, y)",
  minimum: "np.minimum(x, y)",
  abs: "np.abs(x)",
  negative: "np.negative(x)",
  exp: "np.exp(x)",
  log: "np.log(x)",
  log1p: "np.log1p(x)",
  sqrt: "np.sqrt(x)",
  rsqrt: "1 / np.sqrt(x)",
  square: "np.square(x)",
  sin: "np.sin(x)",
  cos: "np.cos(x)",
  tanh: "np.tanh(x)",
  floor: "np.floor(x)",
  ceil: "np.ceil(x)",
  sign: "np.sign(x)",
  clip: "np.clip(x, min, max)",
  where: "np.where(condition, x, y)",
  equal: "np.equal(x, y)",
  not_equal: "np.not_equal(x, y)",
  less: "np.less(x, y)",
  less_equal: "np.less_equal(x, y)",
  greater: "np.greater(x, y)",
  greater_equal: "np.greater_equal(x, y)",
  logical_and: "np.logical_and(x, y)",
  logical_or: "np.logical_or(x, y)",
  logical_not: "np.logical_not(x)",
  sum: "np.sum(x, axis=axis, keepdims=keepdims)",
  mean: "np.mean(x, axis=axis, keepdims=keepdims)",
  max: "np.max(x, axis=axis, keepdims=keepdims)",
  min: "np.min(x, axis=axis, keepdims=keepdims)",
  prod: "np.prod(x, axis=axis, keepdims=keepdims)",
  var: "np.var(x, axis=axis, keepdims=keepdims, ddof=ddof)",
  std: "np.std(x, axis=axis, keepdims=keepdims, ddof=ddof)",
  argmax: "np.argmax(x, axis=axis, keepdims=keepdims).astype(np.int32)",
  argmin: "np.argmin(x, axis=axis, keepdims=keepdims).astype(np.int32)",
  cumsum: "np.cumsum(x, axis=axis)",
  argsort: 'np.argsort(x, axis=axis, kind="stable").astype(np.int32)',
  sort: "np.sort(x, axis=axis)",
  all: "np.all(x, axis=axis, keepdims=keepdims)",
  any: "np.any(x, axis=axis, keepdims=keepdims)",
  logsumexp: { emit: "logsumexp(x, axis=axis, keepdims=keepdims)", helpers: ["logsumexp"] },
  reshape: "np.reshape(x, shape)",
  transpose: "np.transpose(x, axes=axes)",
  swapaxes: "np.swapaxes(x, axis1, axis2)",
  expand_dims: "np.expand_dims(x, axis)",
  squeeze: "np.squeeze(x, axis=axis)",
  concatenate: "np.concatenate(arrays, axis=axis)",
  stack: "np.stack(arrays, axis=axis)",
  split: "np.split(x, indices_or_sections, axis=axis)",
  pad: "np.pad(x, pad_width, constant_values=constant_value)",
  take_along_axis: "np.take_along_axis(x, indices, axis)",
  take: "np.take(x, indices, axis=axis)",
  broadcast_to: "np.broadcast_to(x, shape)",
  shape: "x.shape",
  ndim: "x.ndim",
  size: "x.size",
  dtype: "x.dtype",
  astype: "x.astype(dtype)",
  matmul: "np.matmul(x, y)",
  dot: "np.dot(x, y)",
  einsum: "np.einsum(subscripts, *operands)",
  relu: "np.maximum(x, 0)",
  gelu: { emit: "gelu(x, approximate=approximate)", helpers: ["gelu"] },
  silu: { emit: "silu(x)", helpers: ["sigmoid", "silu"] },
  sigmoid: { emit: "sigmoid(x)", helpers: ["sigmoid"] },
  softmax: { emit: "softmax(x, axis=axis)", helpers: ["softmax"] },
  log_softmax: { emit: "log_softmax(x, axis=axis)", helpers: ["logsumexp", "log_softmax"] },
  one_hot: "np.eye(num_classes, dtype=dtype)[x]",
  at_set: { emit: "at_set(x, index, values)", helpers: ["at_set"] },
  at_add: { emit: "at_update(x, index, values, np.add)", helpers: ["at_update"] },
  at_multiply: { emit: "at_update(x, index, values, np.multiply)", helpers: ["at_update"] },
  at_get: "x[index]",
};
