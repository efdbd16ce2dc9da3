/**
 * How each target writes the core ops of `stages/ivy/numpy_ops.ts` (the wider
 * `jax.numpy`, `jnp.linalg`, `jnp.fft`): one row per op with a column per
 * target, since most are one direct framework call. NumPy computes FFTs in
 * complex128 and a few reductions in float64: those rows cast back to JAX's
 * dtype. TensorFlow takes many from `tf.experimental.numpy` (`tnp`), which
 * keeps float32 inputs float32.
 *
 * @module
 */
import type { Expr } from "../ast.ts";
import { isIntNumber, isNone, isNumber, isTrue } from "../literals.ts";
import type { NumpyCoreOp } from "../ivy/numpy_ops.ts";
import type { EmitFn, EmitRow, Helper, Unsupported } from "./emitter.ts";
import { pyHelper } from "./python_helper.ts";
import {
  INTEGER_FAMILY,
  NUMPY_INTEGER_HELPERS,
  TF_INTEGER_HELPERS,
  TORCH_INTEGER_HELPERS,
} from "./integer_arithmetic.ts";
import TORCH_REPEAT_TO_SHAPE from "./torch/helpers/repeat_to_shape.py" with { type: "text" };
import TF_REPEAT_TO_SHAPE from "./tensorflow/helpers/repeat_to_shape.py" with { type: "text" };
import TF_FILL_DIAGONAL from "./tensorflow/helpers/fill_diagonal.py" with { type: "text" };
import NUMPY_FILL_DIAGONAL from "./numpy/helpers/fill_diagonal.py" with { type: "text" };
import TORCH_PARTITION from "./torch/helpers/partition.py" with { type: "text" };
import TF_PARTITION from "./tensorflow/helpers/partition.py" with { type: "text" };
import NUMPY_PARTITION from "./numpy/helpers/partition.py" with { type: "text" };
import TORCH_ARGPARTITION from "./torch/helpers/argpartition.py" with { type: "text" };
import TF_ARGPARTITION from "./tensorflow/helpers/argpartition.py" with { type: "text" };
import NUMPY_ARGPARTITION from "./numpy/helpers/argpartition.py" with { type: "text" };
import TORCH_PUT from "./torch/helpers/put.py" with { type: "text" };
import TF_PUT from "./tensorflow/helpers/put.py" with { type: "text" };
import NUMPY_PUT from "./numpy/helpers/put.py" with { type: "text" };
import TORCH_DELETE from "./torch/helpers/delete.py" with { type: "text" };
import TF_DELETE from "./tensorflow/helpers/delete.py" with { type: "text" };
import TORCH_INSERT from "./torch/helpers/insert.py" with { type: "text" };
import TF_INSERT from "./tensorflow/helpers/insert.py" with { type: "text" };
import TORCH_NANMAX from "./torch/helpers/nanmax.py" with { type: "text" };
import TORCH_PTP from "./torch/helpers/ptp.py" with { type: "text" };
import TORCH_CBRT from "./torch/helpers/cbrt.py" with { type: "text" };
import TF_NANMAX from "./tensorflow/helpers/nanmax.py" with { type: "text" };
import TF_COPYSIGN from "./tensorflow/helpers/copysign.py" with { type: "text" };
import TF_CBRT from "./tensorflow/helpers/cbrt.py" with { type: "text" };
import TF_SEARCHSORTED from "./tensorflow/helpers/searchsorted.py" with { type: "text" };
import TF_NAN_TO_NUM from "./tensorflow/helpers/nan_to_num.py" with { type: "text" };
import TF_COLUMN_STACK from "./tensorflow/helpers/column_stack.py" with { type: "text" };
import TF_ARRAY_SPLIT from "./tensorflow/helpers/array_split.py" with { type: "text" };
import TORCH_HEAVISIDE from "./torch/helpers/heaviside.py" with { type: "text" };
import TORCH_MODF from "./torch/helpers/modf.py" with { type: "text" };
import TORCH_FLOOR_DIVMOD from "./torch/helpers/floor_divmod.py" with { type: "text" };
import TORCH_NANVAR from "./torch/helpers/nanvar.py" with { type: "text" };
import TORCH_MEDIAN from "./torch/helpers/median.py" with { type: "text" };
import TORCH_UNIQUE from "./torch/helpers/unique.py" with { type: "text" };
import TF_UNIQUE from "./tensorflow/helpers/unique.py" with { type: "text" };
import TORCH_DIGITIZE from "./torch/helpers/digitize.py" with { type: "text" };
import TORCH_CORRCOEF from "./torch/helpers/corrcoef.py" with { type: "text" };
import TORCH_SETDIFF1D from "./torch/helpers/setdiff1d.py" with { type: "text" };
import TORCH_INTERSECT1D from "./torch/helpers/intersect1d.py" with { type: "text" };
import TORCH_SETXOR1D from "./torch/helpers/setxor1d.py" with { type: "text" };
import TF_HEAVISIDE from "./tensorflow/helpers/heaviside.py" with { type: "text" };
import TF_MODF from "./tensorflow/helpers/modf.py" with { type: "text" };
import TF_FLOOR_DIVMOD from "./tensorflow/helpers/floor_divmod.py" with { type: "text" };
import TF_NANVAR from "./tensorflow/helpers/nanvar.py" with { type: "text" };
import TF_DIGITIZE from "./tensorflow/helpers/digitize.py" with { type: "text" };
import TF_COV from "./tensorflow/helpers/cov.py" with { type: "text" };
import TF_CORRCOEF from "./tensorflow/helpers/corrcoef.py" with { type: "text" };
import TF_SETDIFF1D from "./tensorflow/helpers/setdiff1d.py" with { type: "text" };
import TF_INTERSECT1D from "./tensorflow/helpers/intersect1d.py" with { type: "text" };
import TF_SETXOR1D from "./tensorflow/helpers/setxor1d.py" with { type: "text" };
import TORCH_NANARGMAX from "./torch/helpers/nanargmax.py" with { type: "text" };
import TORCH_ANGLE from "./torch/helpers/angle.py" with { type: "text" };
import TF_NANARGMAX from "./tensorflow/helpers/nanargmax.py" with { type: "text" };
import TF_ANGLE from "./tensorflow/helpers/angle.py" with { type: "text" };
import NUMPY_NANARGMAX from "./numpy/helpers/nanargmax.py" with { type: "text" };
import NUMPY_MEDIAN from "./numpy/helpers/median.py" with { type: "text" };
import POLYVAL from "./shared/polyval.py" with { type: "text" };
import TF_SVD from "./tensorflow/helpers/svd.py" with { type: "text" };
import TF_ISCLOSE from "./tensorflow/helpers/isclose.py" with { type: "text" };
import TF_FFT_AXIS from "./tensorflow/helpers/fft_axis.py" with { type: "text" };
import TF_TRUNC from "./tensorflow/helpers/trunc.py" with { type: "text" };
import TF_FFT_AXES from "./tensorflow/helpers/fft_axes.py" with { type: "text" };
import TF_QUANTILE from "./tensorflow/helpers/quantile.py" with { type: "text" };
import TF_TRAPEZOID from "./tensorflow/helpers/trapezoid.py" with { type: "text" };
import TF_FREXP from "./tensorflow/helpers/frexp.py" with { type: "text" };
import TORCH_CONVOLVE from "./torch/helpers/convolve.py" with { type: "text" };
import TF_CONVOLVE from "./tensorflow/helpers/convolve.py" with { type: "text" };
import TORCH_CORRELATE from "./torch/helpers/correlate.py" with { type: "text" };
import TF_CORRELATE from "./tensorflow/helpers/correlate.py" with { type: "text" };
import TORCH_POLYADD from "./torch/helpers/polyadd.py" with { type: "text" };
import TORCH_POLYDER from "./torch/helpers/polyder.py" with { type: "text" };
import TORCH_POLYINT from "./torch/helpers/polyint.py" with { type: "text" };
import TF_POLYADD from "./tensorflow/helpers/polyadd.py" with { type: "text" };
import TF_POLYDER from "./tensorflow/helpers/polyder.py" with { type: "text" };
import TF_POLYINT from "./tensorflow/helpers/polyint.py" with { type: "text" };
import TORCH_TRIM_ZEROS from "./torch/helpers/trim_zeros.py" with { type: "text" };
import TF_TRIM_ZEROS from "./tensorflow/helpers/trim_zeros.py" with { type: "text" };
import TF_GRADIENT from "./tensorflow/helpers/gradient.py" with { type: "text" };
import TORCH_INTERP from "./torch/helpers/interp.py" with { type: "text" };
import TF_INTERP from "./tensorflow/helpers/interp.py" with { type: "text" };
import TORCH_UNWRAP from "./torch/helpers/unwrap.py" with { type: "text" };
import TF_UNWRAP from "./tensorflow/helpers/unwrap.py" with { type: "text" };
import TF_HISTOGRAM_BIN_EDGES from "./tensorflow/helpers/histogram_bin_edges.py" with { type: "text" };
import TF_HISTOGRAM from "./tensorflow/helpers/histogram.py" with { type: "text" };
import TORCH_SPACING from "./torch/helpers/spacing.py" with { type: "text" };
import TF_SPACING from "./tensorflow/helpers/spacing.py" with { type: "text" };
import NUMPY_POLYDER from "./numpy/helpers/polyder.py" with { type: "text" };
import NUMPY_HISTOGRAM from "./numpy/helpers/histogram.py" with { type: "text" };
import NUMPY_POLYINT from "./numpy/helpers/polyint.py" with { type: "text" };
import TORCH_LEXSORT from "./torch/helpers/lexsort.py" with { type: "text" };
import TF_LEXSORT from "./tensorflow/helpers/lexsort.py" with { type: "text" };
import TORCH_BITWISE_COUNT from "./torch/helpers/bitwise_count.py" with { type: "text" };
import TORCH_LCM from "./torch/helpers/lcm.py" with { type: "text" };

type Row = string | EmitFn | EmitRow | Unsupported;

/** The three targets' rows of one op. */
interface FamilyRow {
  readonly torch: Row;
  readonly tensorflow: Row;
  readonly numpy: Row;
}

/** The same call in each target's namespace: `torch.sinh(x)`, `tf.math.sinh(x)`, `np.sinh(x)`. */
const direct = (torch: string, tensorflow: string, numpy: string): FamilyRow => ({ torch, tensorflow, numpy });

/**
 * A Python number as the 0-d tensor torch's tensor-only functions take. An int is int32, JAX's weak int: a 0-d int64
 * tensor would make an int32 (or bool) operand's result int64 where both are 0-d; a float is torch's default float32.
 */
const torchScalar = (e: Expr | undefined, name: string) =>
  isIntNumber(e) ? `torch.tensor(${name}, dtype=torch.int32)` : isNumber(e) ? `torch.tensor(${name})` : name;

/** A torch binary function that takes tensors only: a Python number operand becomes a 0-d tensor. */
const torchTensors = (fn: string): EmitFn => (a) =>
  `${fn}(${torchScalar(a.get("x"), "x")}, ${torchScalar(a.get("y"), "y")})`;

/**
 * A torch function of a sequence of tensors (`torch.vstack`). JAX's takes any iterable, an array too (its entries along
 * the first axis); torch's a list or tuple only: any other argument is made a tuple.
 */
const torchSequence = (fn: string): EmitFn => (a) => {
  const arrays = a.get("arrays");
  const sequence = arrays?.kind === "List" || arrays?.kind === "Tuple" ||
    (arrays?.kind === "Comprehension" && arrays.brackets === "[]");
  return sequence ? `${fn}(arrays)` : `${fn}(tuple(arrays))`;
};

/** A binary helper call, given tensors as `torchTensors` does. */
const torchTensorsHelper = (name: string): EmitFn => (a) => ({
  emit: torchTensors(name)(a) as string,
  helpers: [name],
});

/** The core default `axis=-1` (or no argument at all). */
const isLastAxis = (e?: Expr) =>
  e === undefined || (e.kind === "UnaryOp" && e.op === "-" && e.operand.kind === "Constant" && e.operand.value === 1);
/** The default `axes=(-2, -1)` of the 2-D FFTs. */
const isLastTwoAxes = (e?: Expr) =>
  e === undefined ||
  (e.kind === "Tuple" && e.elts.length === 2 && e.elts[0].kind === "UnaryOp" && e.elts[1].kind === "UnaryOp" &&
    e.elts[0].operand.kind === "Constant" && e.elts[0].operand.value === 2 &&
    e.elts[1].operand.kind === "Constant" && e.elts[1].operand.value === 1);

/**
 * A TensorFlow FFT: `tf.signal`'s own call where it transforms the last one (or two) axes at the input's length with
 * the default ("backward") norm, else the `fft_axis`/`fft_axes` helper that moves, pads and scales.
 */
const tfFft = (kind: string, call: string, twoAxes: boolean): EmitFn => (a) => {
  const lengths = twoAxes ? a.get("s") : a.get("n");
  const axes = twoAxes ? isLastTwoAxes(a.get("axes")) : isLastAxis(a.get("axis"));
  if (isNone(lengths) && axes && isNone(a.get("norm_mode"))) return call;
  return twoAxes
    ? { emit: `fft_axes("${kind}", x, s, axes, norm_mode)`, helpers: ["fft_axis", "fft_axes"] }
    : { emit: `fft_axis("${kind}", x, n, axis, norm_mode)`, helpers: ["fft_axis"] };
};

/** Every op's rows. */
export const NUMPY_FAMILY: Readonly<Record<NumpyCoreOp, FamilyRow>> = {
  inexact: direct("x", "x", "x"),
  arccos: direct("torch.arccos(x)", "tf.math.acos(x)", "np.arccos(x)"),
  arccosh: direct("torch.arccosh(x)", "tf.math.acosh(x)", "np.arccosh(x)"),
  arcsin: direct("torch.arcsin(x)", "tf.math.asin(x)", "np.arcsin(x)"),
  arcsinh: direct("torch.arcsinh(x)", "tf.math.asinh(x)", "np.arcsinh(x)"),
  arctan: direct("torch.arctan(x)", "tf.math.atan(x)", "np.arctan(x)"),
  arctanh: direct("torch.arctanh(x)", "tf.math.atanh(x)", "np.arctanh(x)"),
  sinh: direct("torch.sinh(x)", "tf.math.sinh(x)", "np.sinh(x)"),
  cosh: direct("torch.cosh(x)", "tf.math.cosh(x)", "np.cosh(x)"),
  expm1: direct("torch.expm1(x)", "tf.math.expm1(x)", "np.expm1(x)"),
  log10: direct("torch.log10(x)", "tnp.log10(x)", "np.log10(x)"),
  // normalized, sin(pi x) / (pi x), and 1 at 0, everywhere
  sinc: direct("torch.sinc(x)", "tnp.sinc(x)", "np.sinc(x)"),
  // torch has no cbrt, TensorFlow's gives 0.0 for -0.0
  cbrt: {
    torch: { emit: "cbrt(x)", helpers: ["cbrt"] },
    tensorflow: { emit: "cbrt(x)", helpers: ["cbrt"] },
    numpy: "np.cbrt(x)",
  },
  deg2rad: direct("torch.deg2rad(x)", "tnp.deg2rad(x)", "np.deg2rad(x)"),
  rad2deg: direct("torch.rad2deg(x)", "tnp.rad2deg(x)", "np.rad2deg(x)"),
  i0: direct("torch.i0(x)", "tf.math.bessel_i0(x)", "np.i0(x)"),
  trunc: { torch: "torch.trunc(x)", tensorflow: { emit: "trunc(x)", helpers: ["trunc"] }, numpy: "np.trunc(x)" },
  positive: direct("torch.positive(x)", "tnp.positive(x)", "np.positive(x)"),
  invert: direct("torch.bitwise_not(x)", "tf.bitwise.invert(x)", "np.invert(x)"),
  isinf: direct("torch.isinf(x)", "tf.math.is_inf(x)", "np.isinf(x)"),
  isposinf: direct("torch.isposinf(x)", "tnp.isposinf(x)", "np.isposinf(x)"),
  isneginf: direct("torch.isneginf(x)", "tnp.isneginf(x)", "np.isneginf(x)"),
  // tnp.signbit misses -0.0: the sign bit of the float32 bits
  signbit: direct("torch.signbit(x)", "tf.bitcast(tf.cast(x, tf.float32), tf.int32) < 0", "np.signbit(x)"),
  hypot: { torch: torchTensors("torch.hypot"), tensorflow: "tnp.hypot(x, y)", numpy: "np.hypot(x, y)" },
  logaddexp: { torch: torchTensors("torch.logaddexp"), tensorflow: "tnp.logaddexp(x, y)", numpy: "np.logaddexp(x, y)" },
  logaddexp2: {
    torch: torchTensors("torch.logaddexp2"),
    tensorflow: "tnp.logaddexp2(x, y)",
    numpy: "np.logaddexp2(x, y)",
  },
  nextafter: {
    torch: torchTensors("torch.nextafter"),
    tensorflow: "tf.math.nextafter(x, y)",
    numpy: "np.nextafter(x, y)",
  },
  copysign: {
    torch: "torch.copysign(x, y)",
    tensorflow: { emit: "copysign(x, y)", helpers: ["copysign"] },
    numpy: "np.copysign(x, y)",
  },
  // JAX's fmax/fmin give y where x == y (-0.0 or 0.0); the frameworks' either one (their vectorized loops differ)
  fmax: {
    torch: torchTensorsHelper("fmax"),
    tensorflow: { emit: "fmax(x, y)", helpers: ["fmax"] },
    numpy: { emit: "fmax(x, y)", helpers: ["fmax"] },
  },
  fmin: {
    torch: torchTensorsHelper("fmin"),
    tensorflow: { emit: "fmin(x, y)", helpers: ["fmin"] },
    numpy: { emit: "fmin(x, y)", helpers: ["fmin"] },
  },
  ...INTEGER_FAMILY,
  gcd: { torch: torchTensors("torch.gcd"), tensorflow: "tnp.gcd(x, y)", numpy: "np.gcd(x, y)" },
  lcm: {
    torch: (a) => ({ emit: `lcm(${torchScalar(a.get("x"), "x")}, ${torchScalar(a.get("y"), "y")})`, helpers: ["lcm"] }),
    tensorflow: "tnp.lcm(x, y)",
    numpy: "np.lcm(x, y)",
  },
  bitwise_and: direct("torch.bitwise_and(x, y)", "tf.bitwise.bitwise_and(x, y)", "np.bitwise_and(x, y)"),
  bitwise_or: direct("torch.bitwise_or(x, y)", "tf.bitwise.bitwise_or(x, y)", "np.bitwise_or(x, y)"),
  bitwise_xor: direct("torch.bitwise_xor(x, y)", "tf.bitwise.bitwise_xor(x, y)", "np.bitwise_xor(x, y)"),
  kron: direct("torch.kron(x, y)", "tnp.kron(x, y)", "np.kron(x, y)"),
  inner: direct("torch.inner(x, y)", "tnp.inner(x, y)", "np.inner(x, y)"),
  logical_xor: direct("torch.logical_xor(x, y)", "tf.math.logical_xor(x, y)", "np.logical_xor(x, y)"),
  isclose: {
    torch: (a) =>
      `torch.isclose(x, ${isNumber(a.get("y")) ? "torch.tensor(y)" : "y"}, rtol=rtol, atol=atol, equal_nan=equal_nan)`,
    // tnp.isclose says inf is not close to inf
    tensorflow: { emit: "isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan)", helpers: ["isclose"] },
    numpy: "np.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan)",
  },
  nansum: direct(
    "torch.nansum(x, dim=axis, keepdim=keepdims)",
    "tnp.nansum(x, axis=axis, keepdims=keepdims)",
    "np.nansum(x, axis=axis, keepdims=keepdims)",
  ),
  // NaN as 1 (infinities kept)
  nanprod: direct(
    "torch.prod(torch.nan_to_num(x, nan=1.0, posinf=math.inf, neginf=-math.inf), dim=axis, keepdim=keepdims)",
    "tnp.nanprod(x, axis=axis, keepdims=keepdims)",
    "np.nanprod(x, axis=axis, keepdims=keepdims)",
  ),
  nanmean: direct(
    "torch.nanmean(x, dim=axis, keepdim=keepdims)",
    "tnp.nanmean(x, axis=axis, keepdims=keepdims)",
    "np.nanmean(x, axis=axis, keepdims=keepdims)",
  ),
  nanmax: {
    torch: { emit: "nanmax(x, axis=axis, keepdims=keepdims)", helpers: ["nanmax"] },
    tensorflow: { emit: "nanmax(x, axis=axis, keepdims=keepdims)", helpers: ["nanmax"] },
    numpy: "np.nanmax(x, axis=axis, keepdims=keepdims)",
  },
  // the max of the negated array, negated
  nanmin: {
    torch: { emit: "-nanmax(-x, axis=axis, keepdims=keepdims)", helpers: ["nanmax"] },
    tensorflow: { emit: "-nanmax(-x, axis=axis, keepdims=keepdims)", helpers: ["nanmax"] },
    numpy: "np.nanmin(x, axis=axis, keepdims=keepdims)",
  },
  ptp: {
    torch: { emit: "ptp(x, axis=axis, keepdims=keepdims)", helpers: ["ptp"] },
    tensorflow: "tnp.ptp(x, axis=axis, keepdims=keepdims)",
    numpy: "np.ptp(x, axis=axis, keepdims=keepdims)",
  },
  quantile: {
    torch: (a) =>
      `torch.quantile(x, ${
        isNumber(a.get("q")) ? "q" : "torch.as_tensor(q)"
      }, dim=axis, keepdim=keepdims, interpolation=method)`,
    // TensorFlow has no quantile (tfp.stats.percentile is not a dependency): sorted and read as JAX reads it
    tensorflow: { emit: "quantile(x, q, axis=axis, method=method, keepdims=keepdims)", helpers: ["quantile"] },
    numpy: "np.quantile(x, q, axis=axis, method=method, keepdims=keepdims)",
  },
  nanquantile: {
    torch: (a) =>
      `torch.nanquantile(x, ${
        isNumber(a.get("q")) ? "q" : "torch.as_tensor(q)"
      }, dim=axis, keepdim=keepdims, interpolation=method)`,
    tensorflow: {
      emit: "quantile(x, q, axis=axis, method=method, keepdims=keepdims, skip_nan=True)",
      helpers: ["quantile"],
    },
    numpy: "np.nanquantile(x, q, axis=axis, method=method, keepdims=keepdims)",
  },
  median: {
    torch: { emit: "median(x, axis=axis, keepdims=keepdims)", helpers: ["median"] },
    tensorflow: { emit: "quantile(x, 0.5, axis=axis, method='midpoint', keepdims=keepdims)", helpers: ["quantile"] },
    numpy: { emit: "median(x, axis=axis, keepdims=keepdims)", helpers: ["median"] },
  },
  nanmedian: {
    torch: { emit: "median(x, axis=axis, keepdims=keepdims, skip_nan=True)", helpers: ["median"] },
    tensorflow: {
      emit: "quantile(x, 0.5, axis=axis, method='midpoint', keepdims=keepdims, skip_nan=True)",
      helpers: ["quantile"],
    },
    numpy: { emit: "median(x, axis=axis, keepdims=keepdims, skip_nan=True)", helpers: ["median"] },
  },
  diff: direct("torch.diff(x, n=n, dim=axis)", "tnp.diff(x, n=n, axis=axis)", "np.diff(x, n=n, axis=axis)"),
  searchsorted: {
    torch: "torch.searchsorted(a, v, side=side).int()",
    tensorflow: { emit: "searchsorted(a, v, side=side)", helpers: ["searchsorted"] },
    numpy: "np.searchsorted(a, v, side=side).astype(np.int32)",
  },
  diagonal: direct(
    "torch.diagonal(x, offset=offset, dim1=axis1, dim2=axis2)",
    "tnp.diagonal(x, offset=offset, axis1=axis1, axis2=axis2)",
    "np.diagonal(x, offset=offset, axis1=axis1, axis2=axis2)",
  ),
  diag: direct("torch.diag(x, diagonal=k)", "tnp.diag(x, k=k)", "np.diag(x, k=k)"),
  diagflat: direct("torch.diagflat(x, offset=k)", "tnp.diagflat(x, k=k)", "np.diagflat(x, k=k)"),
  rot90: direct("torch.rot90(x, k=k, dims=axes)", "tnp.rot90(x, k=k, axes=axes)", "np.rot90(x, k=k, axes=axes)"),
  tensordot: direct("torch.tensordot(x, y, axes)", "tf.tensordot(x, y, axes)", "np.tensordot(x, y, axes)"),
  meshgrid: direct(
    "list(torch.meshgrid(*arrays, indexing=indexing))",
    "tf.meshgrid(*arrays, indexing=indexing)",
    "list(np.meshgrid(*arrays, indexing=indexing))",
  ),
  vstack: { torch: torchSequence("torch.vstack"), tensorflow: "tnp.vstack(arrays)", numpy: "np.vstack(arrays)" },
  hstack: { torch: torchSequence("torch.hstack"), tensorflow: "tnp.hstack(arrays)", numpy: "np.hstack(arrays)" },
  dstack: { torch: torchSequence("torch.dstack"), tensorflow: "tnp.dstack(arrays)", numpy: "np.dstack(arrays)" },
  column_stack: {
    torch: torchSequence("torch.column_stack"),
    tensorflow: { emit: "column_stack(arrays)", helpers: ["column_stack"] },
    numpy: "np.column_stack(arrays)",
  },
  atleast_1d: direct("torch.atleast_1d(x)", "tnp.atleast_1d(x)", "np.atleast_1d(x)"),
  atleast_2d: direct("torch.atleast_2d(x)", "tnp.atleast_2d(x)", "np.atleast_2d(x)"),
  atleast_3d: direct("torch.atleast_3d(x)", "tnp.atleast_3d(x)", "np.atleast_3d(x)"),
  unstack: direct("torch.unbind(x, dim=axis)", "tuple(tf.unstack(x, axis=axis))", "tuple(np.moveaxis(x, axis, 0))"),
  array_split: {
    torch: "list(torch.tensor_split(x, sections, dim=axis))",
    tensorflow: { emit: "array_split(x, sections, axis=axis)", helpers: ["array_split"] },
    numpy: "np.array_split(x, sections, axis=axis)",
  },
  nan_to_num: {
    torch: "torch.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)",
    tensorflow: { emit: "nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)", helpers: ["nan_to_num"] },
    numpy: "np.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)",
  },
  isin: {
    torch: "torch.isin(x, test_elements, invert=invert)",
    // each entry against every test element
    tensorflow: (a) =>
      isTrue(a.get("invert"))
        ? "tf.logical_not(tf.reduce_any(x[..., None] == tf.reshape(test_elements, [-1]), axis=-1))"
        : "tf.reduce_any(x[..., None] == tf.reshape(test_elements, [-1]), axis=-1)",
    numpy: "np.isin(x, test_elements, invert=invert)",
  },
  trapezoid: {
    torch: (a) => (isNone(a.get("x")) ? "torch.trapezoid(y, dx=dx, dim=axis)" : "torch.trapezoid(y, x, dim=axis)"),
    tensorflow: { emit: "trapezoid(y, x=x, dx=dx, axis=axis)", helpers: ["trapezoid"] },
    numpy: "np.trapezoid(y, x, dx=dx, axis=axis)",
  },
  frexp: {
    torch: "tuple(torch.frexp(x))",
    tensorflow: { emit: "frexp(x)", helpers: ["frexp"] },
    numpy: "np.frexp(x)",
  },
  ldexp: direct("torch.ldexp(x, y)", "x * tf.pow(2.0, tf.cast(y, tf.float32))", "np.ldexp(x, y)"),
  broadcast_arrays: direct(
    "list(torch.broadcast_tensors(*arrays))",
    "list(tnp.broadcast_arrays(*arrays))",
    "list(np.broadcast_arrays(*arrays))",
  ),
  broadcast_shapes: direct(
    "tuple(torch.broadcast_shapes(*shapes))",
    "np.broadcast_shapes(*shapes)",
    "np.broadcast_shapes(*shapes)",
  ),
  hsplit: direct(
    "list(torch.hsplit(x, indices_or_sections))",
    "list(tnp.hsplit(x, indices_or_sections))",
    "np.hsplit(x, indices_or_sections)",
  ),
  tril_indices: direct(
    "tuple(torch.from_numpy(a).int() for a in np.tril_indices(n, k, m))",
    "tuple(tf.constant(a, dtype=tf.int32) for a in np.tril_indices(n, k, m))",
    "tuple(a.astype(np.int32) for a in np.tril_indices(n, k, m))",
  ),
  triu_indices: direct(
    "tuple(torch.from_numpy(a).int() for a in np.triu_indices(n, k, m))",
    "tuple(tf.constant(a, dtype=tf.int32) for a in np.triu_indices(n, k, m))",
    "tuple(a.astype(np.int32) for a in np.triu_indices(n, k, m))",
  ),
  unravel_index: direct(
    "tuple(a.int() for a in torch.unravel_index(indices, shape))",
    "tuple(tf.unstack(tf.unravel_index(indices, shape)))",
    "tuple(a.astype(np.int32) for a in np.unravel_index(indices, shape))",
  ),
  count_nonzero: {
    torch: (a) =>
      isTrue(a.get("keepdims"))
        ? "torch.sum(x != 0, dim=axis, keepdim=True, dtype=torch.int32)"
        : "torch.count_nonzero(x, dim=axis).int()",
    tensorflow: "tf.math.count_nonzero(x, axis=axis, keepdims=keepdims, dtype=tf.int32)",
    numpy: "np.asarray(np.count_nonzero(x, axis=axis, keepdims=keepdims), dtype=np.int32)",
  },
  cross: direct("torch.linalg.cross(x, y)", "tf.linalg.cross(x, y)", "np.cross(x, y)"),
  bincount: direct(
    "torch.bincount(x, minlength=minlength).int()",
    "tf.math.bincount(x, minlength=minlength, dtype=tf.int32)",
    "np.bincount(x, minlength=minlength).astype(np.int32)",
  ),
  polyval: {
    torch: { emit: "polyval(p, x)", helpers: ["polyval"] },
    tensorflow: { emit: "polyval(p, x)", helpers: ["polyval"] },
    numpy: { emit: "polyval(p, x)", helpers: ["polyval"] },
  },
  nonzero: direct(
    "tuple(a.int() for a in torch.nonzero(x, as_tuple=True))",
    "tuple(tf.unstack(tf.cast(tf.where(x), tf.int32), axis=1))",
    "tuple(a.astype(np.int32) for a in np.nonzero(x))",
  ),
  argwhere: direct("torch.argwhere(x).int()", "tf.cast(tf.where(x), tf.int32)", "np.argwhere(x).astype(np.int32)"),
  boolean_mask: direct("x[mask]", "tf.boolean_mask(x, mask)", "x[mask]"),
  // JAX's unique sorts stably and gives one NaN (unless equal_nan=False); torch.unique keeps each NaN apart and
  // another of 0.0 and -0.0, tf.sort takes no bools and misplaces NaNs
  unique: {
    torch: (a) => ({ emit: isTrue(a.get("equal_nan")) ? "unique(x)" : "unique(x, equal_nan)", helpers: ["unique"] }),
    tensorflow: (a) => ({
      emit: isTrue(a.get("equal_nan")) ? "unique(x)" : "unique(x, equal_nan)",
      helpers: ["unique"],
    }),
    numpy: (a) => (isTrue(a.get("equal_nan")) ? "np.unique(x)" : "np.unique(x, equal_nan=equal_nan)"),
  },
  heaviside: {
    torch: { emit: "heaviside(x, y)", helpers: ["heaviside"] },
    tensorflow: { emit: "heaviside(x, y)", helpers: ["heaviside"] },
    numpy: "np.heaviside(x, y)",
  },
  modf: {
    torch: { emit: "modf(x)", helpers: ["modf"] },
    tensorflow: { emit: "modf(x)", helpers: ["modf"] },
    numpy: "np.modf(x)",
  },
  floor_divmod: {
    torch: { emit: "floor_divmod(x, y)", helpers: ["floor_divmod"] },
    tensorflow: { emit: "floor_divmod(x, y)", helpers: ["floor_divmod"] },
    numpy: "np.divmod(x, y)",
  },
  nanvar: {
    torch: { emit: "nanvar(x, axis=axis, ddof=ddof, keepdims=keepdims)", helpers: ["nanvar"] },
    tensorflow: { emit: "nanvar(x, axis=axis, ddof=ddof, keepdims=keepdims)", helpers: ["nanvar"] },
    numpy: "np.nanvar(x, axis=axis, ddof=ddof, keepdims=keepdims)",
  },
  digitize: {
    torch: { emit: "digitize(x, bins, right=right)", helpers: ["digitize"] },
    tensorflow: { emit: "digitize(x, bins, right=right)", helpers: ["digitize"] },
    numpy: "np.digitize(x, bins, right=right).astype(np.int32)",
  },
  cov: {
    torch: "torch.cov(x, correction=ddof)",
    tensorflow: { emit: "cov(x, ddof=ddof)", helpers: ["cov"] },
    numpy: "np.cov(x, ddof=ddof).astype(np.float32)",
  },
  corrcoef: {
    torch: { emit: "corrcoef(x)", helpers: ["corrcoef"] },
    tensorflow: { emit: "corrcoef(x)", helpers: ["corrcoef"] },
    numpy: "np.corrcoef(x).astype(np.float32)",
  },
  setdiff1d: {
    torch: { emit: "setdiff1d(x, y)", helpers: ["setdiff1d"] },
    tensorflow: { emit: "setdiff1d(x, y)", helpers: ["setdiff1d"] },
    numpy: "np.setdiff1d(x, y)",
  },
  intersect1d: {
    torch: { emit: "intersect1d(x, y)", helpers: ["intersect1d"] },
    tensorflow: { emit: "intersect1d(x, y)", helpers: ["intersect1d"] },
    numpy: "np.intersect1d(x, y)",
  },
  setxor1d: {
    torch: { emit: "setxor1d(x, y)", helpers: ["setxor1d"] },
    tensorflow: { emit: "setxor1d(x, y)", helpers: ["setxor1d"] },
    numpy: "np.setxor1d(x, y)",
  },
  nanargmax: {
    torch: { emit: "nanargmax(x, axis=axis, keepdims=keepdims)", helpers: ["nanargmax"] },
    tensorflow: { emit: "nanargmax(x, axis=axis, keepdims=keepdims)", helpers: ["nanargmax"] },
    numpy: { emit: "nanargmax(x, axis=axis, keepdims=keepdims)", helpers: ["nanargmax"] },
  },
  // the argmax of the negated array
  nanargmin: {
    torch: { emit: "nanargmax(-x, axis=axis, keepdims=keepdims)", helpers: ["nanargmax"] },
    tensorflow: { emit: "nanargmax(-x, axis=axis, keepdims=keepdims)", helpers: ["nanargmax"] },
    numpy: { emit: "nanargmax(-x, axis=axis, keepdims=keepdims)", helpers: ["nanargmax"] },
  },
  angle: {
    torch: { emit: "angle(x)", helpers: ["angle"] },
    tensorflow: { emit: "angle(x)", helpers: ["angle"] },
    numpy: "np.angle(x)",
  },
  iscomplexobj: direct("x.is_complex()", "x.dtype.is_complex", "np.iscomplexobj(x)"),
  isrealobj: direct("not x.is_complex()", "not x.dtype.is_complex", "np.isrealobj(x)"),
  iscomplex: direct(
    "torch.logical_not(torch.isreal(x))",
    "tf.math.imag(tf.cast(x, tf.complex64)) != 0",
    "np.iscomplex(x)",
  ),
  isreal: direct("torch.isreal(x)", "tf.math.imag(tf.cast(x, tf.complex64)) == 0", "np.isreal(x)"),
  spacing: {
    torch: { emit: "spacing(x)", helpers: ["spacing"] },
    tensorflow: { emit: "spacing(x)", helpers: ["spacing"] },
    numpy: "np.spacing(x)",
  },
  // torch has no population count: the helper sums the bits
  bitwise_count: {
    torch: { emit: "bitwise_count(x)", helpers: ["bitwise_count"] },
    tensorflow: "tf.raw_ops.PopulationCount(x=tf.abs(x))",
    numpy: "np.bitwise_count(x)",
  },
  convolve: {
    torch: { emit: "convolve(x, y, mode=mode)", helpers: ["convolve"] },
    tensorflow: { emit: "convolve(x, y, mode=mode)", helpers: ["convolve"] },
    numpy: "np.convolve(x, y, mode=mode)",
  },
  correlate: {
    torch: { emit: "correlate(x, y, mode=mode)", helpers: ["correlate"] },
    tensorflow: { emit: "correlate(x, y, mode=mode)", helpers: ["correlate"] },
    numpy: "np.correlate(x, y, mode=mode)",
  },
  lexsort: {
    torch: { emit: "lexsort(keys, axis=axis)", helpers: ["lexsort"] },
    tensorflow: { emit: "lexsort(keys, axis=axis)", helpers: ["lexsort"] },
    numpy: "np.lexsort(keys, axis=axis).astype(np.int32)",
  },
  polyadd: {
    torch: { emit: "polyadd(x, y)", helpers: ["polyadd"] },
    tensorflow: { emit: "polyadd(x, y)", helpers: ["polyadd"] },
    numpy: "np.polyadd(x, y)",
  },
  polysub: {
    torch: { emit: "polyadd(x, -y)", helpers: ["polyadd"] },
    tensorflow: { emit: "polyadd(x, -y)", helpers: ["polyadd"] },
    numpy: "np.polysub(x, y)",
  },
  // NumPy multiplies by int64 powers (float64 results): the helpers keep p's dtype
  polyder: {
    torch: { emit: "polyder(p, m=m)", helpers: ["polyder"] },
    tensorflow: { emit: "polyder(p, m=m)", helpers: ["polyder"] },
    numpy: { emit: "polyder(p, m=m)", helpers: ["polyder"] },
  },
  polyint: {
    torch: { emit: "polyint(p, m=m)", helpers: ["polyint"] },
    tensorflow: { emit: "polyint(p, m=m)", helpers: ["polyint"] },
    numpy: { emit: "polyint(p, m=m)", helpers: ["polyint"] },
  },
  sort_complex: direct(
    "torch.sort(x).values.to(torch.complex64)",
    "tf.cast(tf.sort(x), tf.complex64)",
    "np.sort_complex(x).astype(np.complex64)",
  ),
  trim_zeros: {
    torch: { emit: "trim_zeros(x, trim=trim)", helpers: ["trim_zeros"] },
    tensorflow: { emit: "trim_zeros(x, trim=trim)", helpers: ["trim_zeros"] },
    numpy: "np.trim_zeros(x, trim=trim)",
  },
  gradient: {
    torch: "torch.gradient(x, dim=axis)[0]",
    tensorflow: { emit: "gradient(x, axis)", helpers: ["gradient"] },
    numpy: "np.gradient(x, axis=axis)",
  },
  interp: {
    torch: { emit: "interp(x, xp, fp, left=left, right=right)", helpers: ["interp"] },
    tensorflow: { emit: "interp(x, xp, fp, left=left, right=right)", helpers: ["interp"] },
    numpy: "np.interp(x, xp, fp, left=left, right=right).astype(np.float32)",
  },
  unwrap: {
    torch: { emit: "unwrap(x, axis=axis)", helpers: ["unwrap"] },
    tensorflow: { emit: "unwrap(x, axis=axis)", helpers: ["unwrap"] },
    numpy: "np.unwrap(x, axis=axis)",
  },
  // NumPy's edges and counts are float64 (int64): cast to JAX's float32
  histogram_bin_edges: {
    torch: "torch.histogram(x, bins=bins, range=bin_range).bin_edges",
    tensorflow: { emit: "histogram_bin_edges(x, bins, bin_range=bin_range)", helpers: ["histogram_bin_edges"] },
    numpy: "np.histogram_bin_edges(x, bins=bins, range=bin_range).astype(np.float32)",
  },
  histogram: {
    torch: "tuple(torch.histogram(x, bins=bins, range=bin_range, density=density))",
    tensorflow: { emit: "histogram(x, bins, bin_range=bin_range, density=density)", helpers: ["histogram"] },
    numpy: { emit: "histogram(x, bins, bin_range=bin_range, density=density)", helpers: ["histogram"] },
  },
  repeat_to_shape: {
    torch: { emit: "repeat_to_shape(x, shape)", helpers: ["repeat_to_shape"] },
    tensorflow: { emit: "repeat_to_shape(x, shape)", helpers: ["repeat_to_shape"] },
    numpy: "np.resize(x, shape)",
  },
  fill_diagonal: {
    torch: "x.clone().fill_diagonal_(val)",
    tensorflow: { emit: "fill_diagonal(x, val)", helpers: ["fill_diagonal"] },
    numpy: { emit: "fill_diagonal(x, val)", helpers: ["fill_diagonal"] },
  },
  // NumPy's own np.partition leaves both sides in no particular order: a helper on every target
  partition: {
    torch: { emit: "partition(x, kth)", helpers: ["partition"] },
    tensorflow: { emit: "partition(x, kth)", helpers: ["partition"] },
    numpy: { emit: "partition(x, kth)", helpers: ["partition"] },
  },
  argpartition: {
    torch: { emit: "argpartition(x, kth)", helpers: ["argpartition"] },
    tensorflow: { emit: "argpartition(x, kth)", helpers: ["argpartition"] },
    numpy: { emit: "argpartition(x, kth)", helpers: ["argpartition"] },
  },
  put: {
    torch: { emit: "put(x, ind, v, mode=mode)", helpers: ["put"] },
    tensorflow: { emit: "put(x, ind, v, mode=mode)", helpers: ["put"] },
    numpy: { emit: "put(x, ind, v, mode=mode)", helpers: ["put"] },
  },
  delete: {
    torch: { emit: "delete(x, obj, axis)", helpers: ["delete"] },
    tensorflow: { emit: "delete(x, obj, axis)", helpers: ["delete"] },
    numpy: "np.delete(x, obj, axis=axis)",
  },
  insert: {
    torch: { emit: "insert(x, index, value, axis)", helpers: ["insert"] },
    tensorflow: { emit: "insert(x, index, value, axis)", helpers: ["insert"] },
    numpy: "np.insert(x, index, value, axis=axis)",
  },
  // NumPy's index functions read only the shape, which every target's arrays give
  diag_indices_from: direct(
    "tuple(torch.from_numpy(a).int() for a in np.diag_indices_from(x))",
    "tuple(tf.constant(a, dtype=tf.int32) for a in np.diag_indices_from(x))",
    "tuple(a.astype(np.int32) for a in np.diag_indices_from(x))",
  ),
  tril_indices_from: direct(
    "tuple(torch.from_numpy(a).int() for a in np.tril_indices_from(x, k))",
    "tuple(tf.constant(a, dtype=tf.int32) for a in np.tril_indices_from(x, k))",
    "tuple(a.astype(np.int32) for a in np.tril_indices_from(x, k))",
  ),
  triu_indices_from: direct(
    "tuple(torch.from_numpy(a).int() for a in np.triu_indices_from(x, k))",
    "tuple(tf.constant(a, dtype=tf.int32) for a in np.triu_indices_from(x, k))",
    "tuple(a.astype(np.int32) for a in np.triu_indices_from(x, k))",
  ),
  inv: direct("torch.linalg.inv(x)", "tf.linalg.inv(x)", "np.linalg.inv(x)"),
  det: direct("torch.linalg.det(x)", "tf.linalg.det(x)", "np.linalg.det(x)"),
  slogdet: direct("torch.linalg.slogdet(x)", "tf.linalg.slogdet(x)", "np.linalg.slogdet(x)"),
  // tf.linalg.solve takes a matrix `b` only (a vector `b` raises)
  solve: direct("torch.linalg.solve(a, b)", "tf.linalg.solve(a, b)", "np.linalg.solve(a, b)"),
  cholesky: direct("torch.linalg.cholesky(x)", "tf.linalg.cholesky(x)", "np.linalg.cholesky(x)"),
  qr: {
    torch: (a) => {
      const mode = a.get("mode");
      return mode?.kind === "Constant" && mode.value === "r"
        ? "torch.linalg.qr(x, mode=mode)[1]"
        : "torch.linalg.qr(x, mode=mode)";
    },
    tensorflow: (a) => {
      const mode = a.get("mode");
      if (isNone(mode) || mode === undefined) return "tf.linalg.qr(x)";
      if (mode.kind === "Constant" && mode.value === "reduced") return "tf.linalg.qr(x)";
      if (mode.kind === "Constant" && mode.value === "complete") return "tf.linalg.qr(x, full_matrices=True)";
      if (mode.kind === "Constant" && mode.value === "r") return "tf.linalg.qr(x)[1]";
      return "error: jnp.linalg.qr needs `mode` as a literal 'reduced', 'complete' or 'r'";
    },
    numpy: "np.linalg.qr(x, mode=mode)",
  },
  svd: {
    torch: "torch.linalg.svd(x, full_matrices=full_matrices)",
    tensorflow: { emit: "svd(x, full_matrices=full_matrices)", helpers: ["svd"] },
    numpy: "np.linalg.svd(x, full_matrices=full_matrices)",
  },
  svdvals: direct(
    "torch.linalg.svdvals(x)",
    "tf.linalg.svd(x, compute_uv=False)",
    "np.linalg.svd(x, compute_uv=False)",
  ),
  eigh: direct("torch.linalg.eigh(x)", "tf.linalg.eigh(x)", "np.linalg.eigh(x)"),
  eigvalsh: direct("torch.linalg.eigvalsh(x)", "tf.linalg.eigvalsh(x)", "np.linalg.eigvalsh(x)"),
  pinv: direct("torch.linalg.pinv(x)", "tf.linalg.pinv(x)", "np.linalg.pinv(x)"),
  matrix_power: {
    torch: "torch.linalg.matrix_power(x, n)",
    tensorflow: { unsupported: "TensorFlow has no matrix_power" },
    numpy: "np.linalg.matrix_power(x, n)",
  },
  matrix_rank: direct(
    "torch.linalg.matrix_rank(x).int()",
    "tf.linalg.matrix_rank(x)",
    "np.asarray(np.linalg.matrix_rank(x), dtype=np.int32)",
  ),
  fft: {
    torch: "torch.fft.fft(x, n=n, dim=axis, norm=norm_mode)",
    tensorflow: tfFft("fft", "tf.signal.fft(tf.cast(x, tf.complex64))", false),
    numpy: "np.fft.fft(x, n=n, axis=axis, norm=norm_mode).astype(np.complex64)",
  },
  ifft: {
    // the inverse transforms of torch return a lazily conjugated view, which .numpy() rejects
    torch: "torch.fft.ifft(x, n=n, dim=axis, norm=norm_mode).resolve_conj()",
    tensorflow: tfFft("ifft", "tf.signal.ifft(tf.cast(x, tf.complex64))", false),
    numpy: "np.fft.ifft(x, n=n, axis=axis, norm=norm_mode).astype(np.complex64)",
  },
  rfft: {
    torch: "torch.fft.rfft(x, n=n, dim=axis, norm=norm_mode)",
    tensorflow: tfFft("rfft", "tf.signal.rfft(x)", false),
    numpy: "np.fft.rfft(x, n=n, axis=axis, norm=norm_mode).astype(np.complex64)",
  },
  irfft: {
    torch: "torch.fft.irfft(x, n=n, dim=axis, norm=norm_mode)",
    tensorflow: tfFft("irfft", "tf.signal.irfft(x)", false),
    numpy: "np.fft.irfft(x, n=n, axis=axis, norm=norm_mode).astype(np.float32)",
  },
  fft2: {
    torch: "torch.fft.fft2(x, s=s, dim=axes, norm=norm_mode)",
    tensorflow: tfFft("fft", "tf.signal.fft2d(tf.cast(x, tf.complex64))", true),
    numpy: "np.fft.fft2(x, s=s, axes=axes, norm=norm_mode).astype(np.complex64)",
  },
  ifft2: {
    torch: "torch.fft.ifft2(x, s=s, dim=axes, norm=norm_mode).resolve_conj()",
    tensorflow: tfFft("ifft", "tf.signal.ifft2d(tf.cast(x, tf.complex64))", true),
    numpy: "np.fft.ifft2(x, s=s, axes=axes, norm=norm_mode).astype(np.complex64)",
  },
  rfft2: {
    torch: "torch.fft.rfft2(x, s=s, dim=axes, norm=norm_mode)",
    tensorflow: tfFft("rfft", "tf.signal.rfft2d(x)", true),
    numpy: "np.fft.rfft2(x, s=s, axes=axes, norm=norm_mode).astype(np.complex64)",
  },
  fftn: {
    torch: "torch.fft.fftn(x, s=s, dim=axes, norm=norm_mode)",
    tensorflow: { emit: 'fft_axes("fft", x, s, axes, norm_mode)', helpers: ["fft_axis", "fft_axes"] },
    numpy: "np.fft.fftn(x, s=s, axes=axes, norm=norm_mode).astype(np.complex64)",
  },
  ifftn: {
    torch: "torch.fft.ifftn(x, s=s, dim=axes, norm=norm_mode).resolve_conj()",
    tensorflow: { emit: 'fft_axes("ifft", x, s, axes, norm_mode)', helpers: ["fft_axis", "fft_axes"] },
    numpy: "np.fft.ifftn(x, s=s, axes=axes, norm=norm_mode).astype(np.complex64)",
  },
  fftfreq: direct(
    "torch.fft.fftfreq(n, d)",
    "tf.constant(np.fft.fftfreq(n, d), dtype=tf.float32)",
    "np.fft.fftfreq(n, d).astype(np.float32)",
  ),
  rfftfreq: direct(
    "torch.fft.rfftfreq(n, d)",
    "tf.constant(np.fft.rfftfreq(n, d), dtype=tf.float32)",
    "np.fft.rfftfreq(n, d).astype(np.float32)",
  ),
  fftshift: direct(
    "torch.fft.fftshift(x, dim=axes)",
    "tf.signal.fftshift(x, axes=axes)",
    "np.fft.fftshift(x, axes=axes)",
  ),
  ifftshift: direct(
    "torch.fft.ifftshift(x, dim=axes)",
    "tf.signal.ifftshift(x, axes=axes)",
    "np.fft.ifftshift(x, axes=axes)",
  ),
  real: direct("torch.real(x)", "tf.math.real(x)", "np.real(x)"),
  // torch.imag takes complex tensors only
  imag: direct("torch.imag(x)", "tf.math.imag(x)", "np.imag(x)"),
  conj: direct("torch.conj_physical(x)", "tf.math.conj(x)", "np.conj(x)"),
};

/** One target's rows of the family, to spread into its op table. */
export function numpyFamilyOps(target: keyof FamilyRow): Readonly<Record<NumpyCoreOp, Row>> {
  return Object.fromEntries(Object.entries(NUMPY_FAMILY).map(([op, row]) => [op, row[target]])) as Record<
    NumpyCoreOp,
    Row
  >;
}

/** The torch helpers the family's rows call. */
export const TORCH_FAMILY_HELPERS: Readonly<Record<string, Helper>> = {
  ...TORCH_INTEGER_HELPERS,
  nanmax: { source: TORCH_NANMAX },
  ptp: { source: TORCH_PTP },
  cbrt: pyHelper(TORCH_CBRT),
  polyval: { source: POLYVAL },
  heaviside: { source: TORCH_HEAVISIDE },
  modf: { source: TORCH_MODF },
  floor_divmod: { source: TORCH_FLOOR_DIVMOD },
  nanvar: { source: TORCH_NANVAR },
  median: pyHelper(TORCH_MEDIAN),
  unique: pyHelper(TORCH_UNIQUE),
  digitize: { source: TORCH_DIGITIZE },
  corrcoef: { source: TORCH_CORRCOEF },
  setdiff1d: { source: TORCH_SETDIFF1D, needs: ["unique"] },
  intersect1d: { source: TORCH_INTERSECT1D, needs: ["unique"] },
  setxor1d: { source: TORCH_SETXOR1D, needs: ["unique"] },
  nanargmax: { source: TORCH_NANARGMAX },
  angle: { source: TORCH_ANGLE },
  convolve: { source: TORCH_CONVOLVE },
  correlate: { source: TORCH_CORRELATE, needs: ["convolve"] },
  lexsort: { source: TORCH_LEXSORT },
  spacing: { source: TORCH_SPACING },
  unwrap: { source: TORCH_UNWRAP },
  interp: { source: TORCH_INTERP },
  trim_zeros: { source: TORCH_TRIM_ZEROS },
  polyadd: { source: TORCH_POLYADD },
  polyder: { source: TORCH_POLYDER },
  polyint: { source: TORCH_POLYINT },
  bitwise_count: { source: TORCH_BITWISE_COUNT },
  lcm: pyHelper(TORCH_LCM),
  repeat_to_shape: pyHelper(TORCH_REPEAT_TO_SHAPE),
  partition: pyHelper(TORCH_PARTITION),
  argpartition: pyHelper(TORCH_ARGPARTITION),
  put: pyHelper(TORCH_PUT),
  delete: pyHelper(TORCH_DELETE),
  insert: pyHelper(TORCH_INSERT),
};

/** The TensorFlow helpers the family's rows call. */
export const TF_FAMILY_HELPERS: Readonly<Record<string, Helper>> = {
  ...TF_INTEGER_HELPERS,
  nanmax: { source: TF_NANMAX },
  copysign: { source: TF_COPYSIGN },
  cbrt: pyHelper(TF_CBRT),
  searchsorted: { source: TF_SEARCHSORTED },
  nan_to_num: { source: TF_NAN_TO_NUM },
  column_stack: pyHelper(TF_COLUMN_STACK),
  array_split: { source: TF_ARRAY_SPLIT },
  svd: { source: TF_SVD },
  isclose: { source: TF_ISCLOSE },
  trunc: { source: TF_TRUNC },
  fft_axis: { source: TF_FFT_AXIS },
  fft_axes: { source: TF_FFT_AXES, needs: ["fft_axis"] },
  polyval: { source: POLYVAL },
  heaviside: { source: TF_HEAVISIDE },
  modf: { source: TF_MODF },
  floor_divmod: { source: TF_FLOOR_DIVMOD, needs: ["floor_divide"] },
  nanvar: { source: TF_NANVAR },
  unique: pyHelper(TF_UNIQUE),
  digitize: { source: TF_DIGITIZE, needs: ["searchsorted"] },
  cov: { source: TF_COV },
  corrcoef: { source: TF_CORRCOEF, needs: ["cov"] },
  setdiff1d: { source: TF_SETDIFF1D, needs: ["unique"] },
  intersect1d: { source: TF_INTERSECT1D, needs: ["unique"] },
  setxor1d: { source: TF_SETXOR1D, needs: ["setdiff1d", "unique"] },
  nanargmax: { source: TF_NANARGMAX },
  angle: { source: TF_ANGLE },
  quantile: { source: TF_QUANTILE },
  trapezoid: { source: TF_TRAPEZOID },
  frexp: { source: TF_FREXP },
  convolve: { source: TF_CONVOLVE },
  correlate: { source: TF_CORRELATE, needs: ["convolve"] },
  lexsort: { source: TF_LEXSORT },
  spacing: { source: TF_SPACING, needs: ["copysign"] },
  unwrap: { source: TF_UNWRAP },
  histogram_bin_edges: { source: TF_HISTOGRAM_BIN_EDGES },
  histogram: { source: TF_HISTOGRAM, needs: ["histogram_bin_edges", "searchsorted"] },
  interp: { source: TF_INTERP, needs: ["searchsorted"] },
  trim_zeros: { source: TF_TRIM_ZEROS },
  gradient: { source: TF_GRADIENT },
  polyadd: { source: TF_POLYADD },
  polyder: { source: TF_POLYDER },
  polyint: { source: TF_POLYINT },
  repeat_to_shape: pyHelper(TF_REPEAT_TO_SHAPE),
  fill_diagonal: pyHelper(TF_FILL_DIAGONAL),
  partition: pyHelper(TF_PARTITION),
  argpartition: pyHelper(TF_ARGPARTITION),
  put: pyHelper(TF_PUT),
  delete: pyHelper(TF_DELETE),
  insert: pyHelper(TF_INSERT),
};

/** The NumPy helpers the family's rows call. */
export const NUMPY_FAMILY_HELPERS: Readonly<Record<string, Helper>> = {
  ...NUMPY_INTEGER_HELPERS,
  polyval: { source: POLYVAL },
  nanargmax: { source: NUMPY_NANARGMAX },
  median: pyHelper(NUMPY_MEDIAN),
  polyder: { source: NUMPY_POLYDER },
  polyint: { source: NUMPY_POLYINT },
  histogram: { source: NUMPY_HISTOGRAM },
  fill_diagonal: pyHelper(NUMPY_FILL_DIAGONAL),
  partition: pyHelper(NUMPY_PARTITION),
  argpartition: pyHelper(NUMPY_ARGPARTITION),
  put: pyHelper(NUMPY_PUT),
};
