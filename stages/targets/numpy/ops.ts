/**
 * How NumPy writes each ivy core op. NumPy's float default is float64 and
 * its integer default int64, so creation rows always pass JAX's dtype.
 *
 * @module
 */
import type { OpTable } from "../emitter.ts";
import { powerRow } from "../integer_arithmetic.ts";
import { isNone } from "../../literals.ts";
import { arangeEmit } from "../creation.ts";
import { einsumEmit } from "../einsum_matmul.ts";
import { PYTHON_HELPER_OPS } from "../control_flow.ts";
import { SLICING_OPS } from "../slicing.ts";
import { OPTAX_OPS } from "../optax.ts";
import { OPTAX_TRANSFORM_OPS } from "../optax_transforms.ts";
import { NUMPY_TRAINING_OPS } from "../training.ts";
import { NUMPY_NNX_TRAINING_OPS } from "../nnx_training.ts";
import { numpyFamilyOps } from "../numpy_family.ts";
import { numpyExtremum } from "../extremum.ts";
import { whereRow } from "../literal_branches.ts";

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
  arange: arangeEmit("np.arange"),
  linspace: "np.linspace(start, stop, num, endpoint=endpoint, dtype=dtype)",
  eye: "np.eye(n, m, k=k, dtype=dtype)",
  asarray: { emit: "asarray(obj, dtype=dtype)", helpers: ["asarray"] },
  add: "np.add(x, y)",
  subtract: "np.subtract(x, y)",
  multiply: "np.multiply(x, y)",
  divide: { emit: "divide(x, y)", helpers: ["divide"] },
  power: powerRow("np.power(x, y)"),
  maximum: numpyExtremum("maximum"),
  minimum: numpyExtremum("minimum"),
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
  sign: { emit: "sign(x)", helpers: ["sign"] },
  tan: "np.tan(x)",
  log2: "np.log2(x)",
  exp2: "np.exp2(x)",
  reciprocal: "np.reciprocal(x)",
  // Rounds half to even, as JAX does.
  round: "np.round(x, decimals=decimals)",
  isnan: "np.isnan(x)",
  isfinite: "np.isfinite(x)",
  arctan2: "np.arctan2(x, y)",
  erf: { emit: "erf(x)", helpers: ["erf"] },
  erfc: { emit: "erfc(x)", helpers: ["erfc"] },
  erf_inv: { emit: "erf_inv(x)", helpers: ["erf_inv"] },
  lgamma: { emit: "lgamma(x)", helpers: ["lgamma"] },
  digamma: { emit: "digamma(x)", helpers: ["digamma"] },
  xlogy: { emit: "xlogy(x, y)", helpers: ["xlogy"] },
  xlog1py: { emit: "xlog1py(x, y)", helpers: ["xlog1py"] },
  logit: { emit: "logit(x)", helpers: ["logit"] },
  entr: { emit: "entr(x)", helpers: ["entr"] },
  logsumexp_weighted: {
    emit: "logsumexp_weighted(x, b=b, axis=axis, keepdims=keepdims, return_sign=return_sign)",
    helpers: ["logsumexp_weighted"],
  },
  stop_gradient: "x",
  clip: "np.clip(x, min, max)",
  where: whereRow("np.where", { float: (x) => `np.float32(${x})`, int: (x) => `np.int32(${x})` }),
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
  cumprod: "np.cumprod(x, axis=axis)",
  argsort: 'np.argsort(x, axis=axis, kind="stable").astype(np.int32)',
  sort: "np.sort(x, axis=axis)",
  all: "np.all(x, axis=axis, keepdims=keepdims)",
  any: "np.any(x, axis=axis, keepdims=keepdims)",
  logsumexp: { emit: "logsumexp(x, axis=axis, keepdims=keepdims)", helpers: ["logsumexp"] },
  top_k: { emit: "top_k(x, k)", helpers: ["top_k"] },
  reshape: "np.reshape(x, shape)",
  conv_general_dilated: {
    emit: "conv_general_dilated(lhs, rhs, window_strides, padding, lhs_dilation, rhs_dilation, feature_group_count)",
    helpers: ["conv_general_dilated"],
  },
  transpose: "np.transpose(x, axes=axes)",
  swapaxes: "np.swapaxes(x, axis1, axis2)",
  expand_dims: "np.expand_dims(x, axis)",
  squeeze: "np.squeeze(x, axis=axis)",
  concatenate: "np.concatenate(arrays, axis=axis)",
  stack: "np.stack(arrays, axis=axis)",
  split: "np.split(x, indices_or_sections, axis=axis)",
  pad: "np.pad(x, pad_width, constant_values=constant_value)",
  take_along_axis: "np.take_along_axis(x, indices, axis)",
  // JAX fills out-of-range indices (NumPy raises)
  take: { emit: "take(x, indices, axis=axis, mode=mode, fill_value=fill_value)", helpers: ["take"] },
  broadcast_to: "np.broadcast_to(x, shape)",
  flip: "np.flip(x, axis=axis)",
  roll: "np.roll(x, shift, axis=axis)",
  repeat: "np.repeat(x, repeats, axis=axis)",
  tile: "np.tile(x, reps)",
  moveaxis: "np.moveaxis(x, source, destination)",
  tril: "np.tril(x, k=k)",
  triu: "np.triu(x, k=k)",
  shape: "x.shape",
  ndim: "x.ndim",
  size: "x.size",
  dtype: "x.dtype",
  finfo: "np.finfo(dtype)",
  astype: "x.astype(dtype)",
  iinfo: "np.iinfo(dtype)",
  // A category name is NumPy's abstract type of that name (np.floating, np.integer, ...).
  issubdtype: (a) => {
    const category = a.get("category");
    return category?.kind === "Constant" && typeof category.value === "string"
      ? `np.issubdtype(dtype, np.${category.value})`
      : "np.issubdtype(dtype, category)";
  },
  resize: { emit: "resize(x, shape, method=method, antialias=antialias)", helpers: ["resize"] },
  resize_nearest: { emit: "resize_nearest(x, shape)", helpers: ["resize_nearest"] },
  matmul: "np.matmul(x, y)",
  dot: "np.dot(x, y)",
  // optimize=True: a BLAS contraction path, as XLA finds one for jnp.einsum (without it NumPy loops in C)
  einsum: einsumEmit(
    "np.einsum(subscripts, *operands, optimize=True)",
    (a, b) => `np.matmul(${a}, ${b})`,
    (x) => `np.swapaxes(${x}, -1, -2)`,
  ),
  dot_general: { emit: "dot_general(lhs, rhs, dimension_numbers)", helpers: ["dot_general"] },
  outer: "np.outer(x, y)",
  norm: "np.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)",
  relu: "np.maximum(x, 0)",
  gelu: { emit: "gelu(x, approximate=approximate)", helpers: ["gelu"] },
  silu: { emit: "silu(x)", helpers: ["sigmoid", "silu"] },
  sigmoid: { emit: "sigmoid(x)", helpers: ["sigmoid"] },
  softmax: { emit: "softmax(x, axis=axis)", helpers: ["softmax"] },
  log_softmax: { emit: "log_softmax(x, axis=axis)", helpers: ["log_softmax"] },
  one_hot: "np.eye(num_classes, dtype=dtype)[x]",
  softplus: "np.logaddexp(x, 0)",
  log_sigmoid: "-np.logaddexp(-x, 0)",
  leaky_relu: { emit: "leaky_relu(x, negative_slope)", helpers: ["leaky_relu"] },
  elu: { emit: "elu(x, alpha)", helpers: ["elu"] },
  // clip(-0.0) is -0.0 (JAX: 0.0); `+ 0.0` changes only that
  relu6: "np.clip(x, 0, 6) + 0.0",
  celu: { emit: "celu(x, alpha)", helpers: ["celu"] },
  // JAX's constants: scale * elu(x, alpha).
  selu: { emit: "1.0507009873554805 * elu(x, 1.6732632423543772)", helpers: ["elu"] },
  glu: { emit: "glu(x, axis)", helpers: ["sigmoid", "glu"] },
  mish: { emit: "mish(x)", helpers: ["mish"] },
  squareplus: { emit: "squareplus(x, b)", helpers: ["squareplus"] },
  hard_sigmoid: "np.clip(x + 3.0, 0, 6) / 6.0",
  hard_silu: { emit: "hard_silu(x)", helpers: ["hard_silu"] },
  hard_tanh: "np.clip(x, -1, 1)",
  soft_sign: { emit: "soft_sign(x)", helpers: ["soft_sign"] },
  sparse_plus: { emit: "sparse_plus(x)", helpers: ["sparse_plus"] },
  sparse_sigmoid: "0.5 * np.clip(x + 1.0, 0.0, 2.0)",
  standardize: { emit: "standardize(x, axis=axis, epsilon=epsilon)", helpers: ["standardize"] },
  at_set: { emit: "at_set(x, index, values)", helpers: ["at_set"] },
  at_add: { emit: "at_update(x, index, values, np.add)", helpers: ["at_update"] },
  at_multiply: { emit: "at_update(x, index, values, np.multiply)", helpers: ["at_update"] },
  at_min: { emit: "at_update(x, index, values, np.minimum)", helpers: ["at_update"] },
  at_max: { emit: "at_update(x, index, values, np.maximum)", helpers: ["at_update"] },
  at_divide: { emit: "at_by_product(x, index, values, divide)", helpers: ["at_by_product", "divide"] },
  at_power: { emit: "at_by_product(x, index, values, np.power)", helpers: ["at_by_product"] },
  at_get: "x[index]",
  ...PYTHON_HELPER_OPS,
  ...SLICING_OPS,
  ...OPTAX_OPS,
  ...OPTAX_TRANSFORM_OPS,
  ...NUMPY_TRAINING_OPS,
  ...NUMPY_NNX_TRAINING_OPS,
  ...numpyFamilyOps("numpy"),
  grad: { unsupported: "NumPy has no automatic differentiation" },
  value_and_grad: { unsupported: "NumPy has no automatic differentiation" },
  vmap: { emit: "vmap(fun, in_axes=in_axes, out_axes=out_axes)", helpers: ["vmap"] },
};
