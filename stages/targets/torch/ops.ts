/**
 * How PyTorch writes each ivy core op. Where torch's defaults differ from
 * JAX's (integer dtypes, `std`'s correction, `gelu`'s approximation), the row
 * passes the JAX value explicitly.
 *
 * @module
 */
import type { OpTable } from "../emitter.ts";
import { powerRow } from "../integer_arithmetic.ts";
import type { Expr } from "../../ast.ts";
import { isNone, isNumber, isTrue, isZero } from "../../literals.ts";
import { arangeEmit } from "../creation.ts";
import { einsumEmit } from "../einsum_matmul.ts";
import { PYTHON_HELPER_OPS } from "../control_flow.ts";
import { SLICING_OPS } from "../slicing.ts";
import { OPTAX_OPS } from "../optax.ts";
import { OPTAX_TRANSFORM_OPS } from "../optax_transforms.ts";
import { TORCH_TRAINING_OPS } from "../training.ts";
import { TORCH_NNX_TRAINING_OPS } from "../nnx_training.ts";
import { numpyFamilyOps } from "../numpy_family.ts";
import { torchExtremum } from "../extremum.ts";
import { whereRow } from "../literal_branches.ts";

/** The core default `axis=-1`, which a filled template would leave out. */
const isLastAxis = (e?: Expr) =>
  e === undefined || (e.kind === "UnaryOp" && e.op === "-" && e.operand.kind === "Constant" && e.operand.value === 1);

/** An int literal (maybe negative), as a number. */
const intLiteral = (e?: Expr): number | undefined => {
  if (e?.kind === "Constant" && typeof e.value === "number" && Number.isInteger(e.value)) return e.value;
  if (e?.kind === "UnaryOp" && e.op === "-") {
    const n = intLiteral(e.operand);
    return n === undefined ? undefined : -n;
  }
  return undefined;
};
const isTuple = (e?: Expr) => e?.kind === "Tuple" || e?.kind === "List";

/**
 * A comparison; torch's comparison functions take no Python number first, so `2.5 < x` is written `x > 2.5` (the
 * mirrored comparison).
 */
const compare = (name: string, mirrored: string) => (a: ReadonlyMap<string, Expr>) =>
  isNumber(a.get("x")) ? `torch.${mirrored}(y, x)` : `torch.${name}(x, y)`;

/** The torch emitter table. */
export const torchOps: OpTable = {
  zeros: "torch.zeros(shape, dtype=dtype)",
  ones: "torch.ones(shape, dtype=dtype)",
  full: (a) => {
    if (isNone(a.get("dtype"))) return { emit: "full(shape, fill_value)", helpers: ["asarray", "full"] };
    // torch.full needs a sequence where JAX also takes one int.
    return isNumber(a.get("shape"))
      ? "torch.full((shape,), fill_value, dtype=dtype)"
      : "torch.full(shape, fill_value, dtype=dtype)";
  },
  zeros_like: "torch.zeros_like(x, dtype=dtype)",
  ones_like: "torch.ones_like(x, dtype=dtype)",
  full_like: "torch.full_like(x, fill_value, dtype=dtype)",
  arange: arangeEmit("torch.arange"),
  linspace: (a) => {
    const endpoint = a.get("endpoint");
    if (isTrue(endpoint)) return "torch.linspace(start, stop, num, dtype=dtype)";
    if (endpoint?.kind === "Constant" && endpoint.value === false) {
      return "torch.linspace(start, stop, num + 1, dtype=dtype)[:-1]";
    }
    return "error: jnp.linspace needs `endpoint` as a literal True or False";
  },
  eye: (a) => {
    if (!isZero(a.get("k"))) return { emit: "eye(n, m, k=k, dtype=dtype)", helpers: ["eye"] };
    return isNone(a.get("m")) ? "torch.eye(n, dtype=dtype)" : "torch.eye(n, m, dtype=dtype)";
  },
  asarray: { emit: "asarray(obj, dtype=dtype)", helpers: ["asarray"] },
  add: "torch.add(x, y)",
  subtract: "torch.subtract(x, y)",
  multiply: "torch.multiply(x, y)",
  divide: "torch.true_divide(x, y)",
  power: powerRow("torch.pow(x, y)"),
  maximum: torchExtremum("maximum"),
  minimum: torchExtremum("minimum"),
  abs: "torch.abs(x)",
  negative: "torch.negative(x)",
  exp: "torch.exp(x)",
  log: "torch.log(x)",
  log1p: "torch.log1p(x)",
  sqrt: "torch.sqrt(x)",
  rsqrt: "torch.rsqrt(x)",
  square: "torch.square(x)",
  sin: "torch.sin(x)",
  cos: "torch.cos(x)",
  tanh: "torch.tanh(x)",
  floor: "torch.floor(x)",
  ceil: "torch.ceil(x)",
  sign: { emit: "sign(x)", helpers: ["sign"] },
  tan: "torch.tan(x)",
  log2: "torch.log2(x)",
  exp2: "torch.exp2(x)",
  reciprocal: "torch.reciprocal(x)",
  // Both round half to even, as JAX does.
  round: "torch.round(x, decimals=decimals)",
  isnan: "torch.isnan(x)",
  isfinite: "torch.isfinite(x)",
  // torch.atan2 takes tensors only; a Python number becomes a 0-d tensor, which does not change the dtype.
  arctan2: (a) => {
    if (isNumber(a.get("x"))) return "torch.atan2(torch.tensor(x), y)";
    return isNumber(a.get("y")) ? "torch.atan2(x, torch.tensor(y))" : "torch.atan2(x, y)";
  },
  erf: "torch.erf(x)",
  erfc: "torch.erfc(x)",
  erf_inv: "torch.erfinv(x)",
  lgamma: "torch.lgamma(x)",
  digamma: { emit: "digamma(x)", helpers: ["digamma"] },
  xlogy: "torch.xlogy(x, y)",
  xlog1py: "torch.special.xlog1py(x, y)",
  logit: "torch.logit(x)",
  entr: { emit: "entr(x)", helpers: ["entr"] },
  logsumexp_weighted: {
    emit: "logsumexp_weighted(x, b=b, axis=axis, keepdims=keepdims, return_sign=return_sign)",
    helpers: ["logsumexp_weighted"],
  },
  stop_gradient: "x.detach()",
  clip: "torch.clamp(x, min=min, max=max)",
  where: whereRow("torch.where", { int: (x) => `torch.tensor(${x}, dtype=torch.int32)` }),
  equal: compare("eq", "eq"),
  not_equal: compare("ne", "ne"),
  less: compare("lt", "gt"),
  less_equal: compare("le", "ge"),
  greater: compare("gt", "lt"),
  greater_equal: compare("ge", "le"),
  logical_and: "torch.logical_and(x, y)",
  logical_or: "torch.logical_or(x, y)",
  logical_not: "torch.logical_not(x)",
  sum: "torch.sum(x, dim=axis, keepdim=keepdims)",
  mean: "torch.mean(x, dim=axis, keepdim=keepdims)",
  max: "torch.amax(x, dim=axis, keepdim=keepdims)",
  min: "torch.amin(x, dim=axis, keepdim=keepdims)",
  prod: "torch.prod(x, dim=axis, keepdim=keepdims)",
  // torch's default correction is 1; JAX's ddof is 0.
  var: (
    a,
  ) => (isZero(a.get("ddof"))
    ? "torch.var(x, dim=axis, keepdim=keepdims, correction=0)"
    : "torch.var(x, dim=axis, keepdim=keepdims, correction=ddof)"),
  // JAX's std is the square root of its float32 variance, inf where that overflows; torch.std's is finite there
  std: (
    a,
  ) => (isZero(a.get("ddof"))
    ? "torch.sqrt(torch.var(x, dim=axis, keepdim=keepdims, correction=0))"
    : "torch.sqrt(torch.var(x, dim=axis, keepdim=keepdims, correction=ddof))"),
  argmax: "torch.argmax(x, dim=axis, keepdim=keepdims).int()",
  argmin: "torch.argmin(x, dim=axis, keepdim=keepdims).int()",
  cumsum: (a) => (isNone(a.get("axis")) ? "torch.cumsum(x.flatten(), dim=0)" : "torch.cumsum(x, dim=axis)"),
  cumprod: (a) => (isNone(a.get("axis")) ? "torch.cumprod(x.flatten(), dim=0)" : "torch.cumprod(x, dim=axis)"),
  argsort: (
    a,
  ) => (isNone(a.get("axis"))
    ? "torch.argsort(x.flatten(), stable=True).int()"
    : "torch.argsort(x, dim=axis, stable=True).int()"),
  sort: (
    a,
  ) => (isNone(a.get("axis"))
    ? "torch.sort(x.flatten(), stable=True).values"
    : "torch.sort(x, dim=axis, stable=True).values"),
  all: "torch.all(x, dim=axis, keepdim=keepdims)",
  any: "torch.any(x, dim=axis, keepdim=keepdims)",
  logsumexp: (
    a,
  ) => (isNone(a.get("axis"))
    ? "torch.logsumexp(x.flatten(), dim=0)"
    : "torch.logsumexp(x, dim=axis, keepdim=keepdims)"),
  top_k: { emit: "top_k(x, k)", helpers: ["top_k"] },
  reshape: "torch.reshape(x, shape)",
  // torch's weight layout (out, in // groups, *spatial)
  conv_general_dilated: {
    emit: "conv_general_dilated(lhs, torch.movedim(rhs, (-1, -2), (0, 1)), window_strides, padding, lhs_dilation, " +
      "rhs_dilation, feature_group_count)",
    helpers: ["conv_general_dilated"],
  },
  transpose: (
    a,
  ) => (isNone(a.get("axes")) ? { emit: "transpose(x)", helpers: ["transpose"] } as const : "torch.permute(x, axes)"),
  swapaxes: "torch.swapaxes(x, axis1, axis2)",
  expand_dims: "torch.unsqueeze(x, axis)",
  squeeze: (a) => (isNone(a.get("axis")) ? "torch.squeeze(x)" : "torch.squeeze(x, axis)"),
  concatenate: "torch.cat(arrays, dim=axis)",
  stack: "torch.stack(arrays, dim=axis)",
  split: { emit: "split(x, indices_or_sections, axis=axis)", helpers: ["split"] },
  pad: { emit: "pad(x, pad_width, constant_value)", helpers: ["pad"] },
  take_along_axis: "torch.take_along_dim(x, indices.long(), dim=axis)",
  // JAX fills out-of-range indices (torch's indexing raises)
  take: { emit: "take(x, indices, axis=axis, mode=mode, fill_value=fill_value)", helpers: ["take"] },
  broadcast_to: "torch.broadcast_to(x, shape)",
  // torch.flip and torch.tile take a tuple only.
  flip: (a) => {
    const axis = a.get("axis");
    if (intLiteral(axis) !== undefined) return "torch.flip(x, (axis,))";
    return isTuple(axis) ? "torch.flip(x, axis)" : { emit: "flip(x, axis)", helpers: ["flip"] };
  },
  roll: "torch.roll(x, shift, dims=axis)",
  repeat: (a) =>
    intLiteral(a.get("repeats")) !== undefined || isTrue(a.get("int_repeats"))
      ? "torch.repeat_interleave(x, repeats, dim=axis)"
      : "torch.repeat_interleave(x, torch.as_tensor(repeats), dim=axis)",
  tile: (a) => {
    const reps = a.get("reps");
    if (intLiteral(reps) !== undefined) return "torch.tile(x, (reps,))";
    return isTuple(reps) ? "torch.tile(x, reps)" : { emit: "tile(x, reps)", helpers: ["tile"] };
  },
  moveaxis: "torch.movedim(x, source, destination)",
  tril: "torch.tril(x, diagonal=k)",
  triu: "torch.triu(x, diagonal=k)",
  shape: "tuple(x.shape)",
  ndim: "x.ndim",
  size: "x.numel()",
  dtype: "x.dtype",
  finfo: "torch.finfo(dtype)",
  astype: "x.to(dtype)",
  iinfo: "torch.iinfo(dtype)",
  issubdtype: { emit: "issubdtype(dtype, category)", helpers: ["issubdtype"] },
  resize: { emit: "resize(x, shape, method=method, antialias=antialias)", helpers: ["resize"] },
  resize_nearest: { emit: "resize_nearest(x, shape)", helpers: ["resize_nearest"] },
  matmul: "torch.matmul(x, y)",
  dot: "torch.matmul(x, y)",
  einsum: einsumEmit("torch.einsum(subscripts, *operands)", (a, b) => `torch.matmul(${a}, ${b})`, (x) => `${x}.mT`),
  dot_general: { emit: "dot_general(lhs, rhs, dimension_numbers)", helpers: ["dot_general"] },
  outer: "torch.outer(torch.flatten(x), torch.flatten(y))",
  // NumPy's semantics, as JAX's: no axis and no ord is the 2-norm of the flattened array.
  norm: "torch.linalg.norm(x, ord=ord, dim=axis, keepdim=keepdims)",
  // torch.relu(-0.0) is -0.0 (JAX: 0.0); threshold writes 0 where x <= 0 and keeps NaN, at relu's speed
  relu: "torch.nn.functional.threshold(x, 0, 0)",
  // torch's exact gelu is NaN at +inf (JAX's is inf): the exact form is x * Phi(x), in a helper.
  gelu: (a) =>
    isTrue(a.get("approximate"))
      ? 'torch.nn.functional.gelu(x, approximate="tanh")'
      : { emit: "gelu(x, approximate=approximate)", helpers: ["gelu"] },
  silu: "torch.nn.functional.silu(x)",
  sigmoid: "torch.sigmoid(x)",
  softmax: (a) => (isLastAxis(a.get("axis")) ? "torch.softmax(x, dim=-1)" : "torch.softmax(x, dim=axis)"),
  log_softmax: (a) => (isLastAxis(a.get("axis")) ? "torch.log_softmax(x, dim=-1)" : "torch.log_softmax(x, dim=axis)"),
  one_hot: "torch.nn.functional.one_hot(x.long(), num_classes).to(dtype)",
  softplus: "torch.nn.functional.softplus(x)",
  // JAX's -softplus(-x): -0.0 for large x, where torch's logsigmoid gives 0.0
  log_sigmoid: "-torch.nn.functional.softplus(-x)",
  // torch's default slope and alpha are JAX's.
  leaky_relu: "torch.nn.functional.leaky_relu(x, negative_slope=negative_slope)",
  elu: "torch.nn.functional.elu(x, alpha=alpha)",
  // relu6(-0.0) is -0.0 (JAX: 0.0); `+ 0.0` changes only that
  relu6: "torch.nn.functional.relu6(x) + 0.0",
  standardize: { emit: "standardize(x, axis=axis, epsilon=epsilon)", helpers: ["standardize"] },
  celu: "torch.nn.functional.celu(x, alpha=alpha)",
  selu: "torch.nn.functional.selu(x)",
  glu: "torch.nn.functional.glu(x, dim=axis)",
  mish: "torch.nn.functional.mish(x)",
  squareplus: { emit: "squareplus(x, b)", helpers: ["squareplus"] },
  // torch's hardsigmoid and hardswish are JAX's relu6(x + 3) / 6 and x times it.
  hard_sigmoid: "torch.nn.functional.hardsigmoid(x)",
  hard_silu: "torch.nn.functional.hardswish(x)",
  hard_tanh: "torch.nn.functional.hardtanh(x)",
  soft_sign: "torch.nn.functional.softsign(x)",
  sparse_plus: { emit: "sparse_plus(x)", helpers: ["sparse_plus"] },
  sparse_sigmoid: "0.5 * torch.clamp(x + 1.0, 0.0, 2.0)",
  at_set: { emit: "at_set(x, index, values)", helpers: ["at_set"] },
  at_add: { emit: 'at_update(x, index, values, "sum")', helpers: ["at_update"] },
  at_multiply: { emit: 'at_update(x, index, values, "prod")', helpers: ["at_update"] },
  at_min: { emit: 'at_update(x, index, values, "amin")', helpers: ["at_update"] },
  at_max: { emit: 'at_update(x, index, values, "amax")', helpers: ["at_update"] },
  at_divide: { emit: "at_by_product(x, index, values, torch.true_divide)", helpers: ["at_by_product"] },
  at_power: { emit: "at_by_product(x, index, values, torch.pow)", helpers: ["at_by_product"] },
  at_get: "x[index]",
  ...PYTHON_HELPER_OPS,
  ...SLICING_OPS,
  ...OPTAX_OPS,
  ...OPTAX_TRANSFORM_OPS,
  ...TORCH_TRAINING_OPS,
  ...TORCH_NNX_TRAINING_OPS,
  ...numpyFamilyOps("torch"),
  grad: "torch.func.grad(fun, argnums=argnums, has_aux=has_aux)",
  value_and_grad: { emit: "value_and_grad(fun, argnums=argnums, has_aux=has_aux)", helpers: ["value_and_grad"] },
  vmap: "torch.func.vmap(fun, in_dims=in_axes, out_dims=out_axes)",
};
