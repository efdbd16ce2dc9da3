/**
 * How TensorFlow writes each ivy core op. TF does not promote mixed dtypes
 * and its `tf.Tensor` has no in-place update, so a few rows use helpers.
 *
 * @module
 */
import type { OpTable } from "../emitter.ts";
import { powerRow } from "../integer_arithmetic.ts";
import type { Expr } from "../../ast.ts";
import { printExpr } from "../../print.ts";
import { isNone, isNumber, isTrue, isZero } from "../../literals.ts";
import { arangeEmit } from "../creation.ts";
import { PYTHON_HELPER_OPS } from "../control_flow.ts";
import { SLICING_OPS } from "../slicing.ts";
import { OPTAX_OPS } from "../optax.ts";
import { OPTAX_TRANSFORM_OPS } from "../optax_transforms.ts";
import { TENSORFLOW_TRAINING_OPS } from "../training.ts";
import { TENSORFLOW_NNX_TRAINING_OPS } from "../nnx_training.ts";
import { numpyFamilyOps } from "../numpy_family.ts";
import { tensorflowExtremum } from "../extremum.ts";
import { whereRow } from "../literal_branches.ts";

/** An int literal (maybe negative), as a number. */
const intLiteral = (e?: Expr): number | undefined => {
  if (e?.kind === "Constant" && typeof e.value === "number" && Number.isInteger(e.value)) return e.value;
  if (e?.kind === "UnaryOp" && e.op === "-") {
    const n = intLiteral(e.operand);
    return n === undefined ? undefined : -n;
  }
  return undefined;
};
const printed = (e?: Expr) => (e ? printExpr(e) : "");
/** `ord` values tf.norm computes as NumPy does, by the kind of norm. */
const TF_VECTOR_ORDS = /^(None|math\.inf|[1-9][0-9]*(\.[0-9]*)?|0?\.[0-9]*[1-9][0-9]*)$/;
const TF_MATRIX_ORDS = new Set(["None", "'fro'", '"fro"', "1", "2", "math.inf"]);

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
  arange: arangeEmit("tf.range"),
  linspace: (a) => {
    const endpoint = a.get("endpoint");
    // computed in float32, as JAX does, whatever the bounds' types (tf.linspace takes no int and no mix)
    const bounds = "tf.cast(start, tf.float32), tf.cast(stop, tf.float32)";
    if (isTrue(endpoint)) return `tf.cast(tf.linspace(${bounds}, num), dtype)`;
    if (endpoint?.kind === "Constant" && endpoint.value === false) {
      return `tf.cast(tf.linspace(${bounds}, num + 1)[:-1], dtype)`;
    }
    return "error: jnp.linspace needs `endpoint` as a literal True or False";
  },
  eye: (
    a,
  ) => (isZero(a.get("k")) ? "tf.eye(n, m, dtype=dtype)" : { emit: "eye(n, m, k=k, dtype=dtype)", helpers: ["eye"] }),
  asarray: { emit: "asarray(obj, dtype=dtype)", helpers: ["asarray"] },
  // tf.add converts a Python number first to its own dtype (int32 for `-3`, then rejecting a float tensor): the
  // number goes second, where it takes the tensor's dtype (addition commutes, signed zeros included)
  add: (a) => (isNumber(a.get("x")) ? "tf.add(y, x)" : "tf.add(x, y)"),
  subtract: "tf.subtract(x, y)",
  multiply: "tf.multiply(x, y)",
  divide: { emit: "divide(x, y)", helpers: ["divide"] },
  power: powerRow("tf.pow(x, y)"),
  maximum: tensorflowExtremum("maximum"),
  minimum: tensorflowExtremum("minimum"),
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
  sign: { emit: "sign(x)", helpers: ["sign"] },
  tan: "tf.math.tan(x)",
  log2: "tnp.log2(x)",
  exp2: "tnp.exp2(x)",
  reciprocal: "tf.math.reciprocal(x)",
  // tf.round rounds half to even, as JAX does; JAX scales by 10**decimals around it.
  round: (a) => {
    const decimals = intLiteral(a.get("decimals"));
    if (decimals === undefined) return "error: jnp.round needs `decimals` as a literal int";
    if (decimals === 0) return "tf.round(x)";
    const factor = decimals > 0 ? String(10 ** decimals) : `1e${decimals}`;
    return `tf.round(x * ${factor}) / ${factor}`;
  },
  isnan: "tf.math.is_nan(x)",
  isfinite: "tf.math.is_finite(x)",
  arctan2: "tf.math.atan2(x, y)",
  erf: "tf.math.erf(x)",
  erfc: "tf.math.erfc(x)",
  // tf.math.erfinv loses small |x| and the ends next to +-1 (it reads ndtri at (1 + x) / 2)
  erf_inv: { emit: "erf_inv(x)", helpers: ["erf_inv"] },
  lgamma: "tf.math.lgamma(x)",
  digamma: "tf.math.digamma(x)",
  xlogy: { emit: "xlogy(x, y)", helpers: ["xlogy"] },
  xlog1py: { emit: "xlog1py(x, y)", helpers: ["xlog1py"] },
  logit: { emit: "logit(x)", helpers: ["logit"] },
  entr: { emit: "entr(x)", helpers: ["entr"] },
  logsumexp_weighted: {
    emit: "logsumexp_weighted(x, b=b, axis=axis, keepdims=keepdims, return_sign=return_sign)",
    helpers: ["logsumexp_weighted"],
  },
  stop_gradient: "tf.stop_gradient(x)",
  clip: (a) => {
    if (isNone(a.get("min"))) return "tf.minimum(x, max)";
    if (isNone(a.get("max"))) return "tf.maximum(x, min)";
    // not tf.clip_by_value, which gives min where min > max (JAX gives max)
    return "tf.minimum(tf.maximum(x, min), max)";
  },
  where: whereRow("tf.where", {
    float: (x) => `tf.constant(${x}, tf.float32)`,
    int: (x) => `tf.constant(${x}, tf.int32)`,
    other: true,
  }),
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
  cumprod: (a) => (isNone(a.get("axis")) ? "tf.math.cumprod(tf.reshape(x, [-1]))" : "tf.math.cumprod(x, axis=axis)"),
  argsort: (
    a,
  ) => (isNone(a.get("axis"))
    ? "tf.argsort(tf.reshape(x, [-1]), stable=True)"
    : "tf.argsort(x, axis=axis, stable=True)"),
  sort: (a) => (isNone(a.get("axis")) ? "tf.sort(tf.reshape(x, [-1]))" : "tf.sort(x, axis=axis)"),
  all: "tf.reduce_all(x, axis=axis, keepdims=keepdims)",
  any: "tf.reduce_any(x, axis=axis, keepdims=keepdims)",
  logsumexp: "tf.reduce_logsumexp(x, axis=axis, keepdims=keepdims)",
  top_k: { emit: "top_k(x, k)", helpers: ["top_k"] },
  reshape: "tf.reshape(x, shape)",
  conv_general_dilated: {
    emit: "conv_general_dilated(lhs, rhs, window_strides, padding, lhs_dilation, rhs_dilation, feature_group_count)",
    helpers: ["conv_general_dilated"],
  },
  transpose: "tf.transpose(x, perm=axes)",
  swapaxes: { emit: "swapaxes(x, axis1, axis2)", helpers: ["swapaxes"] },
  expand_dims: "tf.expand_dims(x, axis)",
  squeeze: "tf.squeeze(x, axis=axis)",
  concatenate: "tf.concat(arrays, axis)",
  stack: "tf.stack(arrays, axis=axis)",
  split: { emit: "split(x, indices_or_sections, axis=axis)", helpers: ["split"] },
  pad: { emit: "pad(x, pad_width, constant_value)", helpers: ["pad"] },
  take_along_axis: "tnp.take_along_axis(x, indices, axis)",
  // Not tnp.take, which clips out-of-range and negative indices.
  // JAX wraps negative indices and fills out-of-range ones (tf.gather raises)
  take: { emit: "take(x, indices, axis=axis, mode=mode, fill_value=fill_value)", helpers: ["take"] },
  broadcast_to: "tf.broadcast_to(x, shape)",
  // tnp.flip takes no tuple of axes; tf.reverse takes no None.
  flip: (a) => {
    const axis = a.get("axis");
    if (intLiteral(axis) !== undefined) return "tf.reverse(x, [axis])";
    return axis?.kind === "Tuple" || axis?.kind === "List" ? "tf.reverse(x, axis)" : "tnp.flip(x, axis=axis)";
  },
  roll: "tnp.roll(x, shift, axis=axis)",
  repeat: "tf.repeat(x, repeats, axis=axis)",
  tile: "tnp.tile(x, reps)",
  moveaxis: "tnp.moveaxis(x, source, destination)",
  // tf.linalg.band_part takes every dtype (bool masks too), but only diagonals on the kept side.
  tril: (a) => (isZero(a.get("k")) ? "tf.linalg.band_part(x, -1, 0)" : "tnp.tril(x, k=k)"),
  triu: (a) => (isZero(a.get("k")) ? "tf.linalg.band_part(x, 0, -1)" : "tnp.triu(x, k=k)"),
  shape: "tuple(x.shape)",
  ndim: "x.ndim",
  size: "int(tf.size(x))",
  dtype: "x.dtype",
  finfo: "tnp.finfo(dtype)",
  astype: "tf.cast(x, dtype)",
  // tnp.finfo is NumPy's finfo of the tf.DType; NumPy's iinfo needs the NumPy dtype.
  iinfo: "np.iinfo(tf.as_dtype(dtype).as_numpy_dtype)",
  issubdtype: { emit: "issubdtype(dtype, category)", helpers: ["issubdtype"] },
  resize: { emit: "resize(x, shape, method=method, antialias=antialias)", helpers: ["resize"] },
  resize_nearest: { emit: "resize_nearest(x, shape)", helpers: ["resize_nearest"] },
  // NumPy rules for 1-D operands, which tf.linalg.matmul rejects.
  matmul: "tnp.matmul(x, y)",
  dot: { emit: "dot(x, y)", helpers: ["dot"] },
  einsum: "tf.einsum(subscripts, *operands)",
  dot_general: { emit: "dot_general(lhs, rhs, dimension_numbers)", helpers: ["dot_general"] },
  outer: "tnp.outer(x, y)",
  // tf.norm's "euclidean" default is JAX's ord=None: the 2-norm, or Frobenius for two axes.
  norm: (a) => {
    const [ord, axis] = [a.get("ord"), a.get("axis")];
    if (isNone(ord)) return "tf.norm(x, axis=axis, keepdims=keepdims)";
    const two = axis?.kind === "Tuple" && axis.elts.length === 2;
    const text = printed(ord);
    const [vector, matrix] = [TF_VECTOR_ORDS.test(text), TF_MATRIX_ORDS.has(text)];
    // Without an axis, a 1-D array takes a vector norm and a 2-D one a matrix norm.
    const supported = two ? matrix : isNone(axis) ? vector || matrix : axis?.kind === "Tuple" || vector;
    if (!supported) {
      return `error: jnp.linalg.norm with ord=${printed(ord)}${two ? " over two axes" : ""} has no tf.norm equivalent`;
    }
    // With ord and no axis, JAX takes every axis: a vector or matrix norm by the rank.
    if (isNone(axis)) return { emit: "norm(x, ord, keepdims=keepdims)", helpers: ["norm"] };
    return "tf.norm(x, ord=ord, axis=axis, keepdims=keepdims)";
  },
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
  softplus: "tf.math.softplus(x)",
  log_sigmoid: "tf.math.log_sigmoid(x)",
  // Positional: tf's default alpha is 0.2, JAX's negative_slope 0.01.
  leaky_relu: "tf.nn.leaky_relu(x, negative_slope)",
  elu: (a) => {
    const alpha = a.get("alpha");
    const isOne = alpha === undefined || (alpha.kind === "Constant" && alpha.value === 1);
    return isOne ? "tf.nn.elu(x)" : { emit: "elu(x, alpha)", helpers: ["elu"] };
  },
  relu6: "tf.nn.relu6(x)",
  celu: { emit: "celu(x, alpha)", helpers: ["celu"] },
  selu: "tf.nn.selu(x)",
  glu: { emit: "glu(x, axis)", helpers: ["glu"] },
  mish: { emit: "mish(x)", helpers: ["mish"] },
  squareplus: { emit: "squareplus(x, b)", helpers: ["squareplus"] },
  hard_sigmoid: "tf.nn.relu6(x + 3.0) / 6.0",
  hard_silu: { emit: "hard_silu(x)", helpers: ["hard_silu"] },
  hard_tanh: "tf.clip_by_value(x, -1, 1)",
  soft_sign: "tf.nn.softsign(x)",
  sparse_plus: { emit: "sparse_plus(x)", helpers: ["sparse_plus"] },
  sparse_sigmoid: "0.5 * tf.clip_by_value(x + 1.0, 0.0, 2.0)",
  standardize: { emit: "standardize(x, axis=axis, epsilon=epsilon)", helpers: ["standardize"] },
  at_set: { emit: "at_update(x, index, values, tf.tensor_scatter_nd_update)", helpers: ["at_update"] },
  at_add: { emit: "at_update(x, index, values, tf.tensor_scatter_nd_add)", helpers: ["at_update"] },
  at_multiply: { emit: "at_multiply(x, index, values)", helpers: ["at_multiply"] },
  at_min: { emit: "at_extremum(x, index, values, tf.tensor_scatter_nd_min)", helpers: ["at_extremum"] },
  at_max: { emit: "at_extremum(x, index, values, tf.tensor_scatter_nd_max)", helpers: ["at_extremum"] },
  at_divide: { emit: "at_by_product(x, index, values, divide)", helpers: ["at_by_product", "divide"] },
  at_power: { emit: "at_by_product(x, index, values, tf.pow)", helpers: ["at_by_product"] },
  at_get: { emit: "getitem(x, index)", helpers: ["getitem"] },
  ...PYTHON_HELPER_OPS,
  // not a Python conditional, which tf.function cannot trace on a tensor predicate when branches are functions
  cond: "tf.cond(pred, lambda: true_fun(*operands), lambda: false_fun(*operands))",
  ...SLICING_OPS,
  ...OPTAX_OPS,
  ...OPTAX_TRANSFORM_OPS,
  ...TENSORFLOW_TRAINING_OPS,
  ...TENSORFLOW_NNX_TRAINING_OPS,
  ...numpyFamilyOps("tensorflow"),
  grad: { emit: "grad(fun, argnums=argnums, has_aux=has_aux)", helpers: ["grad"] },
  value_and_grad: { emit: "value_and_grad(fun, argnums=argnums, has_aux=has_aux)", helpers: ["value_and_grad"] },
  vmap: { emit: "vmap(fun, in_axes=in_axes, out_axes=out_axes)", helpers: ["vmap"] },
};
