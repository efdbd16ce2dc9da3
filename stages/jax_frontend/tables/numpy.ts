/**
 * `jax.numpy`: signatures (from jax/_src/numpy in JAX 0.10.2), lowerings
 * to ivy core ops, and the expressions each row is numerically checked on.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";
import { creationDtype } from "./dtypes.ts";
import { isNone, isNumber, isTrue } from "../../literals.ts";
import { preferredElementType } from "./precision.ts";
import { printExpr } from "../../print.ts";
import type { Expr } from "../../ast.ts";
import { numpyCompositeTable } from "./numpy_composites.ts";

const unary = (op: string, checks: string[]) => ({ sig: "x, /", ivy: `ivy.${op}(x)`, checks });
const binary = (op: string, checks: string[]) => ({ sig: "x, y, /", ivy: `ivy.${op}(x, y)`, checks });
const reduction = (op: string, checks: string[]) => ({
  sig: "a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None",
  ivy: `ivy.${op}(a, axis=axis, keepdims=keepdims)`,
  checks,
});

/** A float input with the edges: signed zeros, halves, both infinities, NaN. */
const EDGES = "jnp.array([0.0, -0.0, 0.5, -1.5, 2.5, 1e30, -1e-30, jnp.inf, -jnp.inf, jnp.nan])";
/** Values in [-1, 1], and the bounds, for the inverse trigonometric functions. */
const UNIT = "jnp.array([-1.0, -0.5, -0.0, 0.0, 0.5, 1.0, 2.0, jnp.nan])";
/** A float input with NaNs, for the NaN-skipping reductions. */
const NANS = "jnp.where(x > 0.5, jnp.nan, x)";
/** Two operands of mixed signs with zeros and infinities, for the binary functions. */
const PAIR = [
  "jnp.array([5.0, -5.0, 5.0, -5.0, 0.0, -0.0, jnp.inf, 1.0, jnp.nan])",
  "jnp.array([3.0, 3.0, -3.0, -3.0, 2.0, 2.0, 2.0, jnp.inf, 1.0])",
].join(", ");
/** An int32 array of mixed signs (a literal, so that its dtype is known). */
const INTS = "jnp.array([-3, 0, 2, 7])";
/** Set operands with NaNs and zeros of both signs (JAX keeps the zero its stable sort puts first). */
const UNIQUE_EDGES = "jnp.array([1.0, jnp.nan, -0.0, 0.0, jnp.nan, 2.0])";
/** Integer operands of mixed signs. */
const INT_PAIR = "jnp.array([7, -7, 7, -7, 0, 12]), jnp.array([2, 2, -2, -2, 5, 18])";

const floatUnary = (op: string, checks: string[]) => ({ sig: "x, /", ivy: `ivy.${op}(x)`, checks });
const binary2 = (op: string, checks: string[]) => ({ sig: "x1, x2, /", ivy: `ivy.${op}(x1, x2)`, checks });
/** A `jnp.ufunc` of two operands (`logaddexp`, `bitwise_and`): called with two arrays. */
const ufunc2 = (op: string, checks: string[]) => ({
  sig: "x1, x2, /, out=None, where=None",
  ivy: `ivy.${op}(x1, x2)`,
  checks,
});
/** A function of two operands JAX makes inexact first (float32 for ints). */
const inexact2 = (op: string, checks: string[]) => ({
  sig: "x1, x2, /",
  ivy: `ivy.${op}(ivy.inexact(x1), ivy.inexact(x2))`,
  checks,
});
const inexactUfunc2 = (op: string, checks: string[]) => ({
  ...inexact2(op, checks),
  sig: "x1, x2, /, out=None, where=None",
});
const nanReduction = (op: string, checks: string[]) => ({
  sig: "a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None",
  ivy: `ivy.${op}(a, axis=axis, keepdims=keepdims)`,
  checks,
});
/** A Python int literal (maybe negative), as a number. */
const intLiteral = (e?: Expr): number | undefined => {
  if (e?.kind === "Constant" && typeof e.value === "number" && Number.isInteger(e.value)) return e.value;
  if (e?.kind === "UnaryOp" && e.op === "-") {
    const n = intLiteral(e.operand);
    return n === undefined ? undefined : -n;
  }
  return undefined;
};
/** jnp.quantile and its variants: `q` as a fraction (`percentile` divides it by 100 first). */
const quantileRow = (op: "quantile" | "nanquantile", q: string, checks: string[], sharding = false) => ({
  sig: `a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False, *, weights=None${
    sharding ? ", out_sharding=None" : ""
  }`,
  ivy: `ivy.${op}(a, ${q}, axis=axis, method=method, keepdims=keepdims)`,
  ignored: ["overwrite_input"],
  checks,
});
const medianRow = (op: "median" | "nanmedian", checks: string[]) => ({
  sig: "a, axis=None, out=None, overwrite_input=False, keepdims=False",
  ivy: `ivy.${op}(a, axis=axis, keepdims=keepdims)`,
  ignored: ["overwrite_input"],
  checks,
});

/** A call with one positional array: `jnp.atleast_2d(x)`. */
const oneArray = (a: ReadonlyMap<string, Expr>) => {
  const arys = a.get("arys");
  return arys?.kind === "Tuple" && arys.elts.length === 1 && arys.elts[0].kind !== "Starred";
};

/** A literal Python number, as text (`undefined` for anything else). */
const numberText = (e?: Expr): string | undefined => (e && isNumber(e) ? printExpr(e) : undefined);

/**
 * A window function of literal length `M` (JAX computes it in float32 from `n = arange(M)`): `formula` gets the text
 * of `n` and of `M - 1`; a window of length 0 or 1 is ones.
 */
const windowRow = (name: string, formula: (n: string, m1: number) => string, checks: string[]) => ({
  sig: "M",
  ivy: (a: ReadonlyMap<string, Expr>) => {
    const m = intLiteral(a.get("M"));
    if (m === undefined) return `error: jnp.${name} needs \`M\` as a literal int`;
    if (m <= 1) return `ivy.ones((${Math.max(m, 0)},), dtype=ivy.float32)`;
    return formula(`ivy.arange(${m}, dtype=ivy.float32)`, m - 1);
  },
  // read by the lowering
  ignored: ["M"],
  checks,
});

/** A literal Python number, as a number. */
const numberValue = (e?: Expr): number | undefined => {
  if (e?.kind === "Constant" && typeof e.value === "number") return e.value;
  if (e?.kind === "UnaryOp" && e.op === "-") {
    const n = numberValue(e.operand);
    return n === undefined ? undefined : -n;
  }
  return undefined;
};

/** jnp.nanargmax / nanargmin; `keepdims=None` is False. */
const nanArgRow = (name: string) => ({
  sig: "a, axis=None, out=None, keepdims=None",
  ivy: (a: ReadonlyMap<string, Expr>) =>
    isNone(a.get("keepdims")) ? `ivy.${name}(a, axis=axis)` : `ivy.${name}(a, axis=axis, keepdims=keepdims)`,
  checks: [
    `jnp.${name}(${NANS})`,
    `jnp.${name}(${NANS}, axis=1)`,
    `jnp.${name}(jnp.where(y > 0, x, jnp.nan), axis=0, keepdims=True)`,
    `jnp.${name}(jnp.full((2, 3), jnp.nan), axis=1)`,
    `jnp.${name}(${INTS})`,
  ],
});

/** A dtype category (`jnp.floating`): the string the core op `issubdtype` takes. */
const category = (name: string, checks: string[]) => ({
  sig: "",
  ivy: `'${name}'`,
  constant: true,
  returns: "python" as const,
  checks,
});

/** The `jax.numpy` table. */
export const numpyTable: ApiTable = {
  // constants: Python values, as in JAX
  pi: { sig: "", ivy: "math.pi", constant: true, returns: "python", checks: ["x * jnp.pi", "jnp.arange(3) * jnp.pi"] },
  e: { sig: "", ivy: "math.e", constant: true, returns: "python", checks: ["jnp.e ** x"] },
  inf: {
    sig: "",
    ivy: "math.inf",
    constant: true,
    returns: "python",
    checks: ["jnp.minimum(x, jnp.inf)", "jnp.isfinite(jnp.where(x > 0, x, -jnp.inf))"],
  },
  nan: {
    sig: "",
    ivy: "math.nan",
    constant: true,
    returns: "python",
    checks: ["jnp.where(x > 0, x, jnp.nan)", "jnp.isnan(jnp.where(x > 0, x, jnp.nan))"],
  },
  newaxis: {
    sig: "",
    ivy: "None",
    constant: true,
    returns: "python",
    checks: ["x[:, jnp.newaxis]", "v[jnp.newaxis] * x"],
  },
  // dtypes
  float32: { sig: "", ivy: "ivy.float32", returns: "dtype", checks: ["jnp.float32(i)", "jnp.float32(2) * x"] },
  float16: { sig: "", ivy: "ivy.float16", returns: "dtype" },
  bfloat16: { sig: "", ivy: "ivy.bfloat16", returns: "dtype" },
  int32: { sig: "", ivy: "ivy.int32", returns: "dtype", checks: ["jnp.int32(x * 3.0)"] },
  int8: { sig: "", ivy: "ivy.int8", returns: "dtype" },
  uint8: { sig: "", ivy: "ivy.uint8", returns: "dtype" },
  bool_: { sig: "", ivy: "ivy.bool_", returns: "dtype", checks: ["jnp.bool_(x)"] },
  // dtype categories, for jnp.issubdtype: named by a string the targets' issubdtype reads
  floating: category("floating", [
    "x if jnp.issubdtype(x.dtype, jnp.floating) else y",
    "jnp.asarray(jnp.issubdtype(i.dtype, jnp.floating))",
  ]),
  integer: category("integer", [
    "jnp.asarray([jnp.issubdtype(i.dtype, jnp.integer), jnp.issubdtype(x.dtype, jnp.integer)])",
  ]),
  inexact: category("inexact", [
    "jnp.asarray([jnp.issubdtype(x.dtype, jnp.inexact), jnp.issubdtype(i.dtype, jnp.inexact)])",
  ]),
  number: category("number", [
    "jnp.asarray([jnp.issubdtype(i.dtype, jnp.number), jnp.issubdtype((x > 0).dtype, jnp.number)])",
  ]),
  // dtype information: Python objects, read as `jnp.finfo(x.dtype).min`
  finfo: {
    sig: "dtype",
    ivy: "ivy.finfo(dtype)",
    returns: "python",
    checks: [
      "jnp.where(x > 0, x, jnp.finfo(x.dtype).min)",
      "x * jnp.finfo(jnp.float32).eps + jnp.finfo(jnp.float32).max",
      "x + jnp.finfo(jnp.float16).max",
      "jnp.full((2,), jnp.finfo(jnp.float32).tiny)",
      "jnp.full((2,), jnp.finfo(jnp.float16).bits)",
      "jnp.asarray([jnp.finfo(jnp.float16).eps, jnp.finfo(jnp.float16).min], dtype=jnp.float32)",
    ],
  },
  iinfo: {
    sig: "int_type",
    ivy: "ivy.iinfo(int_type)",
    returns: "python",
    checks: [
      "jnp.where(i > 0, i, jnp.iinfo(i.dtype).min)",
      "i + jnp.iinfo(jnp.int8).max",
      "jnp.full((2,), jnp.iinfo(jnp.uint8).bits)",
      "jnp.asarray([jnp.iinfo(jnp.int32).max, jnp.iinfo(jnp.uint8).max])",
    ],
  },
  issubdtype: {
    sig: "arg1, arg2",
    ivy: "ivy.issubdtype(arg1, arg2)",
    returns: "python",
    checks: [
      "jnp.asarray([jnp.issubdtype(x.dtype, jnp.float32), jnp.issubdtype(i.dtype, jnp.float32), jnp.issubdtype((x > 0).dtype, jnp.bool_)])",
    ],
  },
  // creation
  zeros: {
    sig: "shape, dtype=None, *, device=None, out_sharding=None",
    ivy: (a) => `ivy.zeros(shape, dtype=${creationDtype(a, "float32")})`,
    checks: ["jnp.zeros((2, 3))", "jnp.zeros(3, dtype=jnp.int32)"],
  },
  ones: {
    sig: "shape, dtype=None, *, device=None, out_sharding=None",
    ivy: (a) => `ivy.ones(shape, dtype=${creationDtype(a, "float32")})`,
    checks: ["jnp.ones((2, 3))", "jnp.ones((4,), jnp.bool_)"],
  },
  full: {
    sig: "shape, fill_value, dtype=None, *, device=None",
    ivy: (a) => `ivy.full(shape, fill_value, dtype=${creationDtype(a, "literal", "fill_value")})`,
    checks: [
      "jnp.full((2, 2), 1.5)",
      "jnp.full((3,), 7, dtype=jnp.int32)",
      "jnp.full(3, 2)",
      "jnp.full((2, 3), x[0, 0])",
    ],
  },
  zeros_like: {
    sig: "a, dtype=None, shape=None, *, device=None",
    ivy: "ivy.zeros_like(a, dtype=dtype)",
    checks: ["jnp.zeros_like(x)", "jnp.zeros_like(i)"],
  },
  ones_like: {
    sig: "a, dtype=None, shape=None, *, device=None",
    ivy: "ivy.ones_like(a, dtype=dtype)",
    checks: ["jnp.ones_like(x)", "jnp.ones_like(x, dtype=jnp.int32)"],
  },
  full_like: {
    sig: "a, fill_value, dtype=None, shape=None, *, device=None",
    ivy: "ivy.full_like(a, fill_value, dtype=dtype)",
    checks: [
      "jnp.full_like(x, 2.5)",
      "jnp.full_like(i, 3)",
      "jnp.full_like(i, 2.7)",
      "jnp.full_like(x, 2, dtype=jnp.int32)",
    ],
  },
  arange: {
    sig: "start, stop=None, step=None, dtype=None, *, device=None",
    ivy: (a) => `ivy.arange(start, stop=stop, step=step, dtype=${creationDtype(a, "arange")})`,
    checks: ["jnp.arange(5)", "jnp.arange(1, 7, 2)", "jnp.arange(0.0, 1.0, 0.25)"],
  },
  linspace: {
    sig: "start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *, device=None",
    ivy: (a) => `ivy.linspace(start, stop, num=num, endpoint=endpoint, dtype=${creationDtype(a, "float32")})`,
    checks: [
      "jnp.linspace(0.0, 1.0, 5)",
      "jnp.linspace(-1.0, 1.0, 4, endpoint=False)",
      "jnp.linspace(0, 2.5, 6)",
      "jnp.linspace(0, 3, 4, dtype=jnp.int32)",
    ],
  },
  eye: {
    sig: "N, M=None, k=0, dtype=None, *, device=None",
    ivy: (a) => `ivy.eye(N, m=M, k=k, dtype=${creationDtype(a, "float32")})`,
    checks: ["jnp.eye(3)", "jnp.eye(2, 3, k=1)"],
  },
  array: {
    sig: "object, dtype=None, copy=True, order='K', ndmin=0, *, device=None",
    ivy: (a) => `ivy.asarray(object, dtype=${creationDtype(a, "literal", "object")})`,
    checks: ["jnp.array([1.0, 2.0, 3.0])", "jnp.array([[1, 2], [3, 4]])", "jnp.array(x)"],
  },
  asarray: {
    sig: "a, dtype=None, order=None, *, copy=None, device=None",
    ivy: (a) => `ivy.asarray(a, dtype=${creationDtype(a, "literal", "a")})`,
    checks: ["jnp.asarray([1.5, 2.5])", "jnp.asarray(x)", "jnp.asarray(3)"],
  },
  // elementwise
  add: binary("add", ["jnp.add(x, y)"]),
  subtract: binary("subtract", ["jnp.subtract(x, y)"]),
  multiply: binary("multiply", ["jnp.multiply(x, y)"]),
  divide: binary("divide", ["jnp.divide(x, y)", "jnp.divide(i, 2)"]),
  true_divide: { alias: "jax.numpy.divide" },
  power: binary("power", ["jnp.power(jnp.abs(x), y)"]),
  maximum: binary("maximum", ["jnp.maximum(x, y)", "jnp.maximum(x, 0.0)"]),
  minimum: binary("minimum", ["jnp.minimum(x, y)"]),
  abs: unary("abs", ["jnp.abs(x)"]),
  absolute: { alias: "jax.numpy.abs" },
  negative: unary("negative", ["jnp.negative(x)"]),
  exp: unary("exp", ["jnp.exp(x)"]),
  log: unary("log", ["jnp.log(jnp.abs(x) + 1.0)"]),
  log1p: unary("log1p", ["jnp.log1p(jnp.abs(x))"]),
  sqrt: unary("sqrt", ["jnp.sqrt(jnp.abs(x))", "x * jnp.sqrt(2.0) + jnp.exp(1)"]),
  square: unary("square", ["jnp.square(x)"]),
  sin: unary("sin", ["jnp.sin(x)"]),
  cos: unary("cos", ["jnp.cos(x)"]),
  tanh: unary("tanh", ["jnp.tanh(x)"]),
  floor: unary("floor", ["jnp.floor(x * 3.0)"]),
  ceil: unary("ceil", ["jnp.ceil(x * 3.0)"]),
  sign: unary("sign", ["jnp.sign(x)"]),
  tan: unary("tan", ["jnp.tan(x)"]),
  log2: unary("log2", ["jnp.log2(jnp.abs(x) + 0.5)"]),
  exp2: unary("exp2", ["jnp.exp2(x)"]),
  reciprocal: unary("reciprocal", ["jnp.reciprocal(x)", "jnp.reciprocal(jnp.arange(1, 4))"]),
  arctan2: binary("arctan2", ["jnp.arctan2(x, y)", "jnp.arctan2(x, 1.0)", "jnp.arctan2(jnp.arange(3), 2)"]),
  isnan: unary("isnan", ["jnp.isnan(x)", "jnp.isnan(jnp.where(y > 0, x, jnp.nan))"]),
  isfinite: unary("isfinite", [
    "jnp.isfinite(x)",
    "jnp.isfinite(jnp.where(y > 0, x, jnp.inf))",
    "jnp.isfinite(jnp.where(y > 0, x, jnp.nan))",
  ]),
  // Half to even, as NumPy; `decimals` scales by 10**decimals around the rounding.
  round: {
    sig: "a, decimals=0, out=None",
    ivy: "ivy.round(a, decimals=decimals)",
    checks: [
      "jnp.round(x * 4.0)",
      "jnp.round(jnp.array([0.5, 1.5, 2.5, -0.5, -1.5]))",
      "jnp.round(x, 2)",
      "jnp.round(x * 100.0, decimals=-1)",
      "jnp.round(i)",
    ],
  },
  clip: {
    sig: "arr=None, /, min=None, max=None, *, a=None, a_min=None, a_max=None",
    ivy: "ivy.clip(arr, min=min, max=max)",
    // reversed bounds give max everywhere, as minimum(maximum(x, min), max) does
    checks: [
      "jnp.clip(x, -0.5, 0.5)",
      "jnp.clip(x, min=0.0)",
      "jnp.clip(x, 0.5, -0.5)",
      "jnp.clip(x / 0.0, -1.0, 1.0)",
      // an int array between float bounds is float32
      `jnp.clip(${INTS}, 0.5, 2.5)`,
    ],
  },
  where: {
    sig: "condition, x=None, y=None, /, *, size=None, fill_value=None",
    ivy: (a) =>
      a.get("x")?.kind === "Constant" && (a.get("x") as { value: unknown }).value === null
        ? "error: the one-argument form (`nonzero`) has a data-dependent shape"
        : "ivy.where(condition, x, y)",
    // two Python numbers are float32 or int32 (weak), not NumPy's float64 or int64
    checks: [
      "jnp.where(x > 0, x, y)",
      "jnp.where(x > 0, x, 0.0)",
      "jnp.where(x > 0, 1.0, 0.0)",
      "jnp.where(x > 0, 1, 0)",
      "jnp.where(x > 0, -1, 0.5)",
      "jnp.where(x > 0, True, 0)",
      "jnp.where(x > 0, jnp.nan, 1)",
    ],
  },
  equal: binary("equal", ["jnp.equal(x, y)"]),
  not_equal: binary("not_equal", ["jnp.not_equal(x, y)"]),
  less: binary("less", ["jnp.less(x, y)"]),
  less_equal: binary("less_equal", ["jnp.less_equal(x, y)"]),
  greater: binary("greater", ["jnp.greater(x, y)"]),
  greater_equal: binary("greater_equal", ["jnp.greater_equal(x, y)"]),
  logical_and: binary("logical_and", ["jnp.logical_and(x > 0, y > 0)"]),
  logical_or: binary("logical_or", ["jnp.logical_or(x > 0, y > 0)"]),
  logical_not: unary("logical_not", ["jnp.logical_not(x > 0)"]),
  // reductions
  sum: reduction("sum", ["jnp.sum(x)", "jnp.sum(x, axis=1, keepdims=True)", "jnp.sum(x, axis=(0, 1))"]),
  mean: reduction("mean", [
    "jnp.mean(x)",
    "jnp.mean(x, axis=0)",
    "jnp.mean(x, axis=-1, keepdims=True)",
    "jnp.mean(x > 0)",
    "jnp.mean(x > 0, axis=1)",
  ]),
  max: reduction("max", ["jnp.max(x)", "jnp.max(x, axis=1)"]),
  min: reduction("min", ["jnp.min(x)", "jnp.min(x, axis=0, keepdims=True)"]),
  prod: reduction("prod", ["jnp.prod(x, axis=1)"]),
  all: {
    sig: "a, axis=None, out=None, keepdims=False, *, where=None",
    ivy: "ivy.all(a, axis=axis, keepdims=keepdims)",
    checks: ["jnp.all(x > -1.0)", "jnp.all(x > 0, axis=1)"],
  },
  any: {
    sig: "a, axis=None, out=None, keepdims=False, *, where=None",
    ivy: "ivy.any(a, axis=axis, keepdims=keepdims)",
    checks: ["jnp.any(x > 1.0)", "jnp.any(x > 0, axis=0)"],
  },
  var: {
    sig: "a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=None, correction=None",
    ivy: "ivy.var(a, axis=axis, keepdims=keepdims, ddof=ddof)",
    checks: ["jnp.var(x)", "jnp.var(x, axis=1)", "jnp.var(x, axis=0, ddof=1, keepdims=True)"],
  },
  std: {
    sig: "a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=None, correction=None",
    ivy: "ivy.std(a, axis=axis, keepdims=keepdims, ddof=ddof)",
    checks: ["jnp.std(x)", "jnp.std(x, axis=-1)"],
  },
  argmax: {
    sig: "a, axis=None, out=None, keepdims=None",
    ivy: (
      a,
    ) => (isNone(a.get("keepdims")) ? "ivy.argmax(a, axis=axis)" : "ivy.argmax(a, axis=axis, keepdims=keepdims)"),
    checks: ["jnp.argmax(x)", "jnp.argmax(x, axis=1)", "jnp.argmax(x, axis=0, keepdims=True)"],
  },
  argmin: {
    sig: "a, axis=None, out=None, keepdims=None",
    ivy: (
      a,
    ) => (isNone(a.get("keepdims")) ? "ivy.argmin(a, axis=axis)" : "ivy.argmin(a, axis=axis, keepdims=keepdims)"),
    checks: ["jnp.argmin(x, axis=1)", "jnp.argmin(x)"],
  },
  // JAX sorts stably by default; `stable=False` only allows an unstable sort.
  argsort: {
    sig: "a, axis=-1, *, kind=None, order=None, stable=True, descending=False",
    ivy: "ivy.argsort(a, axis=axis)",
    ignored: ["kind", "stable"],
    checks: ["jnp.argsort(x)", "jnp.argsort(x, axis=0)", "jnp.argsort(jnp.floor(x * 2.0), axis=1)", "jnp.argsort(i)"],
  },
  sort: {
    sig: "a, axis=-1, *, kind=None, order=None, stable=True, descending=False",
    ivy: "ivy.sort(a, axis=axis)",
    ignored: ["kind", "stable"],
    checks: ["jnp.sort(x)", "jnp.sort(x, axis=0)", "jnp.sort(x, axis=None)"],
  },
  cumsum: {
    sig: "a, axis=None, dtype=None, out=None",
    ivy: "ivy.cumsum(a, axis=axis)",
    checks: ["jnp.cumsum(x, axis=1)", "jnp.cumsum(x)"],
  },
  cumprod: {
    sig: "a, axis=None, dtype=None, out=None",
    ivy: "ivy.cumprod(a, axis=axis)",
    checks: ["jnp.cumprod(x, axis=1)", "jnp.cumprod(x)", "jnp.cumprod(x, axis=0)"],
  },
  // shapes
  reshape: {
    sig: "a, shape=None, order='C', *, newshape=None, copy=None, out_sharding=None",
    ivy: "ivy.reshape(a, shape)",
    checks: ["jnp.reshape(x, (4, 3))", "jnp.reshape(x, (-1,))"],
  },
  transpose: {
    sig: "a, axes=None",
    ivy: "ivy.transpose(a, axes=axes)",
    checks: ["jnp.transpose(x)", "jnp.transpose(x[None], (1, 2, 0))"],
  },
  swapaxes: {
    sig: "a, axis1, axis2",
    ivy: "ivy.swapaxes(a, axis1, axis2)",
    checks: ["jnp.swapaxes(x, 0, 1)"],
  },
  expand_dims: {
    sig: "a, axis",
    ivy: "ivy.expand_dims(a, axis)",
    checks: ["jnp.expand_dims(x, 0)", "jnp.expand_dims(x, -1)"],
  },
  squeeze: {
    sig: "a, axis=None",
    ivy: "ivy.squeeze(a, axis=axis)",
    checks: ["jnp.squeeze(x[None])", "jnp.squeeze(x[:, None], axis=1)"],
  },
  concatenate: {
    sig: "arrays, axis=0, dtype=None",
    ivy: "ivy.concatenate(arrays, axis=axis)",
    checks: ["jnp.concatenate([x, y])", "jnp.concatenate((x, y), axis=1)"],
  },
  // The Array API's name: `axis` is keyword-only.
  concat: {
    sig: "arrays, /, *, axis=0",
    ivy: "ivy.concatenate(arrays, axis=axis)",
    checks: ["jnp.concat([x, y])", "jnp.concat((x, y, x), axis=-1)"],
  },
  stack: {
    sig: "arrays, axis=0, out=None, dtype=None",
    ivy: "ivy.stack(arrays, axis=axis)",
    checks: ["jnp.stack([x, y])", "jnp.stack([x, y], axis=-1)"],
  },
  split: {
    sig: "ary, indices_or_sections, axis=0",
    ivy: "ivy.split(ary, indices_or_sections, axis=axis)",
    checks: ["jnp.split(x, 3)", "jnp.split(x, [1, 3], axis=1)"],
  },
  pad: {
    sig: "array, pad_width, mode='constant', *, constant_values=0",
    ivy: "ivy.pad(array, pad_width, constant_value=constant_values)",
    checks: ["jnp.pad(x, 1)", "jnp.pad(x, ((1, 0), (0, 2)), constant_values=2.0)"],
  },
  take_along_axis: {
    sig: "arr, indices, axis, mode=None, fill_value=None",
    ivy: "ivy.take_along_axis(arr, indices, axis)",
    checks: ["jnp.take_along_axis(x, jnp.argsort(x, axis=1), axis=1)"],
  },
  broadcast_to: {
    sig: "array, shape, *, out_sharding=None",
    ivy: "ivy.broadcast_to(array, shape)",
    checks: ["jnp.broadcast_to(v, (3, 4))"],
  },
  // JAX's default mode fills out-of-range indices; the targets raise on them instead.
  take: {
    sig: "a, indices, axis=None, out=None, mode=None, unique_indices=False, indices_are_sorted=False, fill_value=None",
    ivy: (a) => {
      const mode = a.get("mode");
      const known = isNone(mode) ||
        (mode?.kind === "Constant" && ["fill", "clip", "wrap"].includes(mode.value as string));
      if (!known) return "error: `mode` must be a literal 'fill', 'clip' or 'wrap'";
      return "ivy.take(a, indices, axis=axis, mode=mode, fill_value=fill_value)";
    },
    ignored: ["unique_indices", "indices_are_sorted"],
    checks: [
      // out of range: JAX fills (NaN, the smallest int, True); negative indices count from the end
      "jnp.take(x, jnp.array([0, 5, -1, -5]), axis=0)",
      "jnp.take(i, jnp.array([1, 3, -4]))",
      "jnp.take(x > 0, jnp.array([[0, 9], [-1, 2]]), axis=1)",
      "jnp.take(x, jnp.array([0, 7, -1, -9]), axis=1, mode='clip')",
      "jnp.take(v, jnp.array([0, 7, -1, -9]), mode='wrap')",
      "jnp.take(x, jnp.array([1, 4]), axis=0, fill_value=-1.0)",
      "jnp.take(x, i)",
      "jnp.take(x, i, axis=1)",
      "jnp.take(x, i, axis=0)",
      "jnp.take(x, i, axis=-1)",
      "jnp.take(x, jnp.reshape(jnp.concatenate([i, i]), (2, 3)), axis=1)",
    ],
  },
  flip: {
    sig: "m, axis=None",
    ivy: "ivy.flip(m, axis=axis)",
    checks: ["jnp.flip(x)", "jnp.flip(x, 1)", "jnp.flip(x, axis=(0, 1))", "jnp.flip(x, axis=-2)"],
  },
  roll: {
    sig: "a, shift, axis=None",
    ivy: "ivy.roll(a, shift, axis=axis)",
    checks: ["jnp.roll(x, 2)", "jnp.roll(x, 1, axis=1)", "jnp.roll(x, -1, axis=0)", "jnp.roll(x, (1, 2), axis=(0, 1))"],
  },
  repeat: {
    sig: "a, repeats, axis=None, *, total_repeat_length=None, out_sharding=None",
    ivy: "ivy.repeat(a, repeats, axis=axis)",
    checks: ["jnp.repeat(x, 2)", "jnp.repeat(x, 2, axis=1)", "jnp.repeat(x, jnp.array([1, 0, 2]), axis=0)"],
  },
  tile: {
    sig: "A, reps",
    ivy: "ivy.tile(A, reps)",
    checks: ["jnp.tile(x, 2)", "jnp.tile(x, (2, 1))", "jnp.tile(v, (2, 1, 2))"],
  },
  moveaxis: {
    sig: "a, source, destination",
    ivy: "ivy.moveaxis(a, source, destination)",
    checks: ["jnp.moveaxis(x, 0, 1)", "jnp.moveaxis(x[None], 0, -1)", "jnp.moveaxis(x[None], (0, 1), (2, 0))"],
  },
  tril: {
    sig: "m, k=0",
    ivy: "ivy.tril(m, k=k)",
    checks: [
      "jnp.tril(x)",
      "jnp.tril(x, 1)",
      "jnp.tril(x, k=-1)",
      "jnp.tril(jnp.stack([x, y]))",
      "jnp.tril(jnp.ones((3, 3), dtype=jnp.bool_))",
    ],
  },
  triu: {
    sig: "m, k=0",
    ivy: "ivy.triu(m, k=k)",
    checks: ["jnp.triu(x)", "jnp.triu(x, 2)", "jnp.triu(x, k=-1)", "jnp.triu(x > 0)"],
  },
  // linear algebra
  matmul: {
    sig: "a, b, *, precision=None, preferred_element_type=None, out_sharding=None",
    ivy: preferredElementType((t) => `ivy.matmul(${t("a")}, ${t("b")})`),
    ignored: ["precision", "preferred_element_type"],
    checks: [
      "jnp.matmul(x, y.T)",
      "jnp.matmul(x, v)",
      "jnp.matmul(x, y.T, precision='highest')",
      "jnp.matmul(x, v, preferred_element_type=jnp.float32)",
      "jnp.matmul(i[:, None], i[None], preferred_element_type=jnp.float32)",
    ],
  },
  dot: {
    sig: "a, b, *, precision=None, preferred_element_type=None, out_sharding=None",
    ivy: preferredElementType((t) => `ivy.dot(${t("a")}, ${t("b")})`),
    ignored: ["precision", "preferred_element_type"],
    checks: [
      "jnp.dot(x, y.T)",
      "jnp.dot(v, v)",
      "jnp.dot(x, v, precision=(lax.Precision.HIGH, lax.Precision.HIGH), preferred_element_type=None)",
      "jnp.dot(i, i, preferred_element_type=jnp.float32)",
    ],
  },
  outer: {
    sig: "a, b, out=None",
    ivy: "ivy.outer(a, b)",
    checks: ["jnp.outer(v, v)", "jnp.outer(x, v)", "jnp.outer(jnp.ones(2), jnp.arange(3))"],
  },
  einsum: {
    sig:
      "subscripts, /, *operands, out=None, optimize='auto', precision=None, preferred_element_type=None, _dot_general=None, out_sharding=None",
    // `preferred_element_type` would need each operand cast: only its default None is supported.
    ivy: "ivy.einsum(subscripts, *operands)",
    ignored: ["optimize", "precision"],
    checks: [
      "jnp.einsum('ij,kj->ik', x, y)",
      "jnp.einsum('ij->j', x)",
      "jnp.einsum('ij,j->i', x, v, precision=lax.Precision.HIGHEST)",
      "jnp.einsum('i,i->', i, i, preferred_element_type=None)",
    ],
  },
  // inverse trigonometric and hyperbolic functions; int inputs are float32 in JAX
  arccos: floatUnary("arccos", [`jnp.arccos(${UNIT})`, "jnp.arccos(jnp.tanh(x))", `jnp.arccos(${INTS} // 3)`]),
  arcsin: floatUnary("arcsin", [`jnp.arcsin(${UNIT})`, "jnp.arcsin(jnp.tanh(x))", `jnp.arcsin(${INTS} // 3)`]),
  arctan: floatUnary("arctan", [`jnp.arctan(${EDGES})`, "jnp.arctan(x)", `jnp.arctan(${INTS})`]),
  arccosh: floatUnary("arccosh", [`jnp.arccosh(${EDGES})`, "jnp.arccosh(jnp.abs(x) + 1.0)", `jnp.arccosh(${INTS})`]),
  arcsinh: floatUnary("arcsinh", [`jnp.arcsinh(${EDGES})`, "jnp.arcsinh(x)", `jnp.arcsinh(${INTS})`]),
  arctanh: floatUnary("arctanh", [`jnp.arctanh(${UNIT})`, "jnp.arctanh(jnp.tanh(x))", `jnp.arctanh(${INTS} // 3)`]),
  acos: { alias: "jax.numpy.arccos" },
  asin: { alias: "jax.numpy.arcsin" },
  atan: { alias: "jax.numpy.arctan" },
  acosh: { alias: "jax.numpy.arccosh" },
  asinh: { alias: "jax.numpy.arcsinh" },
  atanh: { alias: "jax.numpy.arctanh" },
  atan2: { alias: "jax.numpy.arctan2" },
  sinh: floatUnary("sinh", [`jnp.sinh(${EDGES})`, "jnp.sinh(x)", `jnp.sinh(${INTS})`]),
  cosh: floatUnary("cosh", [`jnp.cosh(${EDGES})`, "jnp.cosh(x)", `jnp.cosh(${INTS})`]),
  expm1: floatUnary("expm1", [`jnp.expm1(${EDGES})`, "jnp.expm1(x * 1e-6)", `jnp.expm1(${INTS})`]),
  log10: floatUnary("log10", [`jnp.log10(${EDGES})`, "jnp.log10(jnp.abs(x))", `jnp.log10(${INTS})`]),
  sinc: floatUnary("sinc", [`jnp.sinc(${EDGES})`, "jnp.sinc(x)", `jnp.sinc(${INTS})`]),
  cbrt: floatUnary("cbrt", [`jnp.cbrt(${EDGES})`, "jnp.cbrt(x)", `jnp.cbrt(${INTS})`]),
  deg2rad: floatUnary("deg2rad", [`jnp.deg2rad(${EDGES})`, "jnp.deg2rad(x * 90.0)", `jnp.deg2rad(${INTS})`]),
  rad2deg: floatUnary("rad2deg", [`jnp.rad2deg(${EDGES})`, "jnp.rad2deg(x)", `jnp.rad2deg(${INTS})`]),
  radians: { alias: "jax.numpy.deg2rad" },
  degrees: { alias: "jax.numpy.rad2deg" },
  i0: { sig: "x", ivy: "ivy.i0(x)", checks: ["jnp.i0(x)", "jnp.i0(jnp.array([0.0, -0.0, 1.0, -3.0, 10.0]))"] },
  // stays an integer for an integer input, as JAX does
  trunc: {
    sig: "x",
    ivy: "ivy.trunc(x)",
    checks: [`jnp.trunc(${EDGES})`, "jnp.trunc(x * 3.0)", `jnp.trunc(${INTS})`],
  },
  fabs: {
    sig: "x, /",
    ivy: "ivy.abs(ivy.inexact(x))",
    checks: [`jnp.fabs(${EDGES})`, "jnp.fabs(x)", `jnp.fabs(${INTS})`],
  },
  rint: {
    sig: "x, /",
    ivy: "ivy.round(ivy.inexact(x))",
    checks: [`jnp.rint(${EDGES})`, "jnp.rint(x * 3.0)", `jnp.rint(${INTS})`],
  },
  around: { alias: "jax.numpy.round" },
  positive: floatUnary("positive", ["jnp.positive(x)", `jnp.positive(${INTS})`]),
  invert: floatUnary("invert", [`jnp.invert(${INTS})`, "jnp.invert(jnp.array([0, -1, 5, 2147483647]))"]),
  bitwise_not: { alias: "jax.numpy.invert" },
  bitwise_invert: { alias: "jax.numpy.invert" },
  isinf: floatUnary("isinf", [`jnp.isinf(${EDGES})`, "jnp.isinf(x / 0.0)"]),
  isposinf: { sig: "x, /, out=None", ivy: "ivy.isposinf(x)", checks: [`jnp.isposinf(${EDGES})`] },
  isneginf: { sig: "x, /, out=None", ivy: "ivy.isneginf(x)", checks: [`jnp.isneginf(${EDGES})`] },
  signbit: floatUnary("signbit", [`jnp.signbit(${EDGES})`, `jnp.signbit(${INTS})`]),
  // binary functions, promoted as JAX promotes (ints to float32 where JAX's result is inexact)
  hypot: inexact2("hypot", [`jnp.hypot(${PAIR})`, "jnp.hypot(x, y)", `jnp.hypot(${INTS}, ${INTS})`]),
  logaddexp: inexactUfunc2("logaddexp", [
    `jnp.logaddexp(${PAIR})`,
    "jnp.logaddexp(x, y)",
    "jnp.logaddexp(x * 1e30, y)",
    `jnp.logaddexp(${INTS}, ${INTS})`,
  ]),
  logaddexp2: inexactUfunc2("logaddexp2", [`jnp.logaddexp2(${PAIR})`, "jnp.logaddexp2(x, y)"]),
  nextafter: {
    sig: "x, y, /",
    ivy: "ivy.nextafter(ivy.inexact(x), ivy.inexact(y))",
    checks: [`jnp.nextafter(${PAIR})`, "jnp.nextafter(x, y)"],
  },
  copysign: inexact2("copysign", [`jnp.copysign(${PAIR})`, "jnp.copysign(x, y)", `jnp.copysign(x[0, 0], ${EDGES})`]),
  fmax: { sig: "x1, x2", ivy: "ivy.fmax(x1, x2)", checks: [`jnp.fmax(${PAIR})`, "jnp.fmax(x, y)"] },
  fmin: { sig: "x1, x2", ivy: "ivy.fmin(x1, x2)", checks: [`jnp.fmin(${PAIR})`, "jnp.fmin(x, y)"] },
  // the sign of the dividend (fmod) or of the divisor (remainder)
  fmod: binary2("fmod", [`jnp.fmod(${PAIR})`, "jnp.fmod(x * 5.0, y)", `jnp.fmod(${INT_PAIR})`]),
  remainder: binary2("remainder", [
    `jnp.remainder(${PAIR})`,
    "jnp.remainder(x * 5.0, y)",
    `jnp.remainder(${INT_PAIR})`,
    `jnp.remainder(${INTS}, 2)`,
  ]),
  mod: { alias: "jax.numpy.remainder" },
  floor_divide: binary2("floor_divide", [
    `jnp.floor_divide(${PAIR})`,
    "jnp.floor_divide(x * 5.0, y)",
    `jnp.floor_divide(${INT_PAIR})`,
    `jnp.floor_divide(${INTS}, 2)`,
  ]),
  gcd: { sig: "x1, x2", ivy: "ivy.gcd(x1, x2)", checks: [`jnp.gcd(${INT_PAIR})`, `jnp.gcd(${INTS}, 6)`] },
  lcm: { sig: "x1, x2", ivy: "ivy.lcm(x1, x2)", checks: [`jnp.lcm(${INT_PAIR})`, `jnp.lcm(${INTS}, 4)`] },
  bitwise_and: ufunc2("bitwise_and", [`jnp.bitwise_and(${INT_PAIR})`, `jnp.bitwise_and(${INTS}, 6)`]),
  bitwise_or: ufunc2("bitwise_or", [`jnp.bitwise_or(${INT_PAIR})`, `jnp.bitwise_or(${INTS}, 5)`]),
  bitwise_xor: ufunc2("bitwise_xor", [`jnp.bitwise_xor(${INT_PAIR})`, `jnp.bitwise_xor(${INTS}, 3)`]),
  left_shift: {
    sig: "x, y, /",
    ivy: "ivy.left_shift(x, y)",
    checks: ["jnp.left_shift(i, 3)", "jnp.left_shift(jnp.array([1, -3, 5]), i)"],
  },
  right_shift: binary2("right_shift", ["jnp.right_shift(i, 1)", "jnp.right_shift(jnp.array([16, -16, 5]), i)"]),
  bitwise_left_shift: { alias: "jax.numpy.left_shift" },
  bitwise_right_shift: { alias: "jax.numpy.right_shift" },
  logical_xor: ufunc2("logical_xor", ["jnp.logical_xor(x > 0, y > 0)"]),
  ldexp: binary2("ldexp", ["jnp.ldexp(x, i[0])", "jnp.ldexp(v, jnp.array([0, 1, -2, 5]))"]),
  float_power: {
    sig: "x, y, /",
    ivy: "ivy.power(ivy.inexact(x), y)",
    checks: ["jnp.float_power(jnp.abs(x), y)", `jnp.float_power(${INTS}, 2)`, `jnp.float_power(${INTS}, -1)`],
  },
  pow: { alias: "jax.numpy.power" },
  isclose: {
    sig: "a, b, rtol=1e-05, atol=1e-08, equal_nan=False",
    ivy: "ivy.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)",
    checks: [
      "jnp.isclose(x, x + 1e-7)",
      "jnp.isclose(x, y, atol=1.0)",
      `jnp.isclose(${EDGES}, ${EDGES})`,
      `jnp.isclose(${EDGES}, ${EDGES}, equal_nan=True)`,
    ],
  },
  allclose: {
    sig: "a, b, rtol=1e-05, atol=1e-08, equal_nan=False",
    ivy: "ivy.all(ivy.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))",
    checks: ["jnp.allclose(x, x + 1e-7)", "jnp.allclose(x, y)", `jnp.allclose(${EDGES}, ${EDGES}, equal_nan=True)`],
  },
  // NaN-skipping reductions: an all-NaN slice gives NaN (nanmax, nanmin, nanmean) or 0 (nansum)
  nansum: nanReduction("nansum", [`jnp.nansum(${NANS})`, `jnp.nansum(${NANS}, axis=1)`, `jnp.nansum(${EDGES})`]),
  nanprod: nanReduction("nanprod", [`jnp.nanprod(${NANS}, axis=0)`, `jnp.nanprod(${EDGES})`]),
  nanmax: {
    sig: "a, axis=None, out=None, keepdims=False, initial=None, where=None",
    ivy: "ivy.nanmax(a, axis=axis, keepdims=keepdims)",
    checks: [
      `jnp.nanmax(${NANS})`,
      `jnp.nanmax(${NANS}, axis=1)`,
      `jnp.nanmax(${NANS}, axis=0, keepdims=True)`,
      "jnp.nanmax(jnp.where(y > 0, x, jnp.nan), axis=1)",
      "jnp.nanmax(jnp.full((2, 3), jnp.nan), axis=1)",
      `jnp.nanmax(${INTS})`,
    ],
  },
  nanmin: {
    sig: "a, axis=None, out=None, keepdims=False, initial=None, where=None",
    ivy: "ivy.nanmin(a, axis=axis, keepdims=keepdims)",
    checks: [`jnp.nanmin(${NANS})`, `jnp.nanmin(${NANS}, axis=-1)`, "jnp.nanmin(jnp.full((2, 3), jnp.nan), axis=0)"],
  },
  nanmean: {
    sig: "a, axis=None, dtype=None, out=None, keepdims=False, where=None",
    ivy: "ivy.nanmean(a, axis=axis, keepdims=keepdims)",
    checks: [`jnp.nanmean(${NANS})`, `jnp.nanmean(${NANS}, axis=0)`, `jnp.nanmean(${INTS})`],
  },
  // NaN as 0 (nancumsum) or 1 (nancumprod); infinities kept
  nancumsum: {
    sig: "a, axis=None, dtype=None, out=None",
    ivy: "ivy.cumsum(ivy.nan_to_num(a, nan=0.0, posinf=math.inf, neginf=-math.inf), axis=axis)",
    checks: [`jnp.nancumsum(${NANS}, axis=1)`, `jnp.nancumsum(${EDGES})`],
  },
  nancumprod: {
    sig: "a, axis=None, dtype=None, out=None",
    ivy: "ivy.cumprod(ivy.nan_to_num(a, nan=1.0, posinf=math.inf, neginf=-math.inf), axis=axis)",
    checks: [`jnp.nancumprod(${NANS}, axis=0)`],
  },
  amax: { alias: "jax.numpy.max" },
  amin: { alias: "jax.numpy.min" },
  ptp: {
    sig: "a, axis=None, out=None, keepdims=False",
    ivy: "ivy.ptp(a, axis=axis, keepdims=keepdims)",
    checks: ["jnp.ptp(x)", "jnp.ptp(x, axis=1)", "jnp.ptp(x, axis=0, keepdims=True)", `jnp.ptp(${INTS})`],
  },
  count_nonzero: {
    sig: "a, axis=None, keepdims=False",
    ivy: "ivy.count_nonzero(a, axis=axis, keepdims=keepdims)",
    checks: ["jnp.count_nonzero(x > 0)", "jnp.count_nonzero(jnp.floor(x), axis=1)", `jnp.count_nonzero(${INTS})`],
  },
  // only without weights (the mean)
  average: {
    sig: "a, axis=None, weights=None, returned=False, keepdims=False",
    ivy: "ivy.mean(a, axis=axis, keepdims=keepdims)",
    checks: [
      "jnp.average(x)",
      "jnp.average(x, axis=1)",
      "jnp.average(x, axis=0, keepdims=True)",
      `jnp.average(${INTS})`,
    ],
  },
  // the order statistics: torch and NumPy; TensorFlow has no quantile
  quantile: quantileRow("quantile", "q", [
    "jnp.quantile(x, 0.3)",
    "jnp.quantile(x, jnp.array([0.1, 0.5, 0.9]), axis=1)",
    "jnp.quantile(x, 0.5, axis=0, keepdims=True)",
    "jnp.quantile(x, 0.25, axis=1, method='nearest')",
    "jnp.quantile(x, 0.4, method='lower')",
    "jnp.quantile(x, 0.4, method='midpoint')",
    "jnp.quantile(jnp.where(x > 1.0, jnp.nan, x), 0.5, axis=1)",
    `jnp.quantile(${INTS}, 0.5)`,
    "jnp.quantile(x, jnp.array([0.0, 1.0]), axis=0, keepdims=True)",
  ]),
  nanquantile: quantileRow("nanquantile", "q", [
    `jnp.nanquantile(${NANS}, 0.3, axis=1)`,
    "jnp.nanquantile(jnp.full((2, 3), jnp.nan), 0.5, axis=1)",
    `jnp.nanquantile(${NANS}, jnp.array([0.25, 0.75]), method='nearest')`,
  ]),
  percentile: quantileRow("quantile", "q / 100", [
    "jnp.percentile(x, 30)",
    "jnp.percentile(x, 75.0, axis=1, method='higher')",
  ], true),
  nanpercentile: quantileRow("nanquantile", "q / 100", [`jnp.nanpercentile(${NANS}, 50, axis=0)`]),
  median: medianRow("median", [
    "jnp.median(x)",
    "jnp.median(x, axis=1)",
    "jnp.median(x, axis=0, keepdims=True)",
    "jnp.median(jnp.array([[1.0, jnp.inf, jnp.inf], [-jnp.inf, -jnp.inf, 1.0]]), axis=1)",
  ]),
  nanmedian: medianRow("nanmedian", [
    `jnp.nanmedian(${NANS}, axis=1)`,
    "jnp.nanmedian(jnp.array([[jnp.nan, jnp.inf, -jnp.inf, 0.0], [1.0, jnp.inf, jnp.inf, jnp.nan]]), axis=1)",
  ]),
  // differences: `prepend`/`append` are not supported
  diff: {
    sig: "a, n=1, axis=-1, prepend=None, append=None",
    ivy: "ivy.diff(a, n=n, axis=axis)",
    checks: ["jnp.diff(x)", "jnp.diff(x, axis=0)", "jnp.diff(x, n=2)", `jnp.diff(${INTS})`, "jnp.diff(x > 0)"],
  },
  ediff1d: {
    sig: "ary, to_end=None, to_begin=None",
    ivy: "ivy.diff(ivy.reshape(ary, (-1,)))",
    checks: ["jnp.ediff1d(x)", `jnp.ediff1d(${INTS})`],
  },
  searchsorted: {
    sig: "a, v, side='left', sorter=None, *, method='scan'",
    ivy: "ivy.searchsorted(a, v, side=side)",
    ignored: ["method"],
    checks: [
      "jnp.searchsorted(jnp.sort(v), x)",
      "jnp.searchsorted(jnp.array([0.0, 1.0, 1.0, 2.0]), jnp.array([1.0, -5.0, 5.0, 0.5]), side='right')",
      "jnp.searchsorted(jnp.array([0.0, 1.0, 1.0, 2.0]), jnp.array([1.0, -jnp.inf, jnp.inf]))",
      `jnp.searchsorted(jnp.arange(5), ${INTS})`,
    ],
  },
  // diagonals and matrices from them
  diagonal: {
    sig: "a, offset=0, axis1=0, axis2=1",
    ivy: "ivy.diagonal(a, offset=offset, axis1=axis1, axis2=axis2)",
    checks: ["jnp.diagonal(x)", "jnp.diagonal(x, 1)", "jnp.diagonal(x, offset=-1)", "jnp.diagonal(x[None], 0, 1, 2)"],
  },
  diag: {
    sig: "v, k=0",
    ivy: "ivy.diag(v, k=k)",
    checks: ["jnp.diag(v)", "jnp.diag(v, k=1)", "jnp.diag(x)", "jnp.diag(x, -1)", `jnp.diag(${INTS})`],
  },
  diagflat: { sig: "v, k=0", ivy: "ivy.diagflat(v, k=k)", checks: ["jnp.diagflat(v)", "jnp.diagflat(x[:2, :2], -1)"] },
  trace: {
    sig: "a, offset=0, axis1=0, axis2=1, dtype=None, out=None",
    ivy: "ivy.sum(ivy.diagonal(a, offset=offset, axis1=axis1, axis2=axis2), axis=-1)",
    checks: [
      "jnp.trace(x)",
      "jnp.trace(x, 1)",
      "jnp.trace(x[None], axis1=1, axis2=2)",
    ],
  },
  tri: {
    sig: "N, M=None, k=0, dtype=None",
    ivy: (a) => {
      const n = a.get("N");
      const m = a.get("M");
      const dtype = creationDtype(a, "float32");
      if (!isNone(m)) return `ivy.tril(ivy.ones((N, M), dtype=${dtype}), k=k)`;
      if (intLiteral(n) === undefined) return "error: jnp.tri without M needs N as a literal int";
      return `ivy.tril(ivy.ones((${printExpr(n!)}, ${printExpr(n!)}), dtype=${dtype}), k=k)`;
    },
    checks: ["jnp.tri(3)", "jnp.tri(2, 4, k=1)", "jnp.tri(3, 3, -1, dtype=jnp.int32)"],
  },
  identity: {
    sig: "n, dtype=None",
    ivy: (a) => `ivy.eye(n, dtype=${creationDtype(a, "float32")})`,
    checks: ["jnp.identity(3)", "jnp.identity(2, dtype=jnp.int32)"],
  },
  // JAX arrays are never uninitialized: `empty` is `zeros`
  empty: {
    sig: "shape, dtype=None, *, device=None, out_sharding=None",
    ivy: (a) => `ivy.zeros(shape, dtype=${creationDtype(a, "float32")})`,
    checks: ["jnp.empty((2, 3))", "jnp.empty(3, dtype=jnp.int32)"],
  },
  empty_like: {
    sig: "prototype, dtype=None, shape=None, *, device=None",
    ivy: "ivy.zeros_like(prototype, dtype=dtype)",
    checks: ["jnp.empty_like(x)", "jnp.empty_like(i, dtype=jnp.float32)"],
  },
  copy: { sig: "a, order=None", ivy: "ivy.asarray(a)", checks: ["jnp.copy(x)", `jnp.copy(${INTS})`] },
  logspace: {
    sig: "start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0",
    ivy: (a) => {
      const powers = "ivy.power(base, ivy.linspace(start, stop, num=num, endpoint=endpoint, dtype=ivy.float32))";
      return isNone(a.get("dtype")) ? powers : `ivy.astype(${powers}, dtype)`;
    },
    checks: ["jnp.logspace(0.0, 2.0, 5)", "jnp.logspace(1, 3, 4, endpoint=False, base=2.0)"],
  },
  // shapes
  ravel: {
    sig: "a, order='C', *, out_sharding=None",
    ivy: "ivy.reshape(a, (-1,))",
    checks: ["jnp.ravel(x)", `jnp.ravel(${INTS})`],
  },
  fliplr: { sig: "m", ivy: "ivy.flip(m, axis=1)", checks: ["jnp.fliplr(x)"] },
  flipud: { sig: "m", ivy: "ivy.flip(m, axis=0)", checks: ["jnp.flipud(x)", "jnp.flipud(v)"] },
  rot90: {
    sig: "m, k=1, axes=(0, 1)",
    ivy: "ivy.rot90(m, k=k, axes=axes)",
    checks: ["jnp.rot90(x)", "jnp.rot90(x, 2)", "jnp.rot90(x, k=-1)", "jnp.rot90(x[None], axes=(1, 2))"],
  },
  matrix_transpose: {
    sig: "x, /",
    ivy: "ivy.swapaxes(x, -1, -2)",
    checks: ["jnp.matrix_transpose(x)", "jnp.matrix_transpose(jnp.stack([x, y]))"],
  },
  permute_dims: {
    sig: "a, /, axes",
    ivy: "ivy.transpose(a, axes=axes)",
    checks: ["jnp.permute_dims(x, (1, 0))", "jnp.permute_dims(x[None], (2, 0, 1))"],
  },
  // `axis` and `start` as literal non-negative ints
  rollaxis: {
    sig: "a, axis, start=0",
    ivy: (a) => {
      const axis = intLiteral(a.get("axis"));
      const start = intLiteral(a.get("start")) ?? 0;
      if (axis === undefined || axis < 0 || start < 0) {
        return "error: jnp.rollaxis needs `axis` and `start` as literal non-negative ints";
      }
      return `ivy.moveaxis(a, ${axis}, ${axis < start ? start - 1 : start})`;
    },
    // read by the lowering
    ignored: ["axis", "start"],
    checks: ["jnp.rollaxis(x, 1)", "jnp.rollaxis(jnp.stack([x, y]), 2, 1)", "jnp.rollaxis(jnp.stack([x, y]), 0, 3)"],
  },
  atleast_1d: {
    sig: "*arys",
    ivy: (a) => oneArray(a) ? "ivy.atleast_1d(*arys)" : "error: jnp.atleast_1d is supported with one array",
    checks: ["jnp.atleast_1d(x)", "jnp.atleast_1d(x[0, 0])"],
  },
  atleast_2d: {
    sig: "*arys",
    ivy: (a) => oneArray(a) ? "ivy.atleast_2d(*arys)" : "error: jnp.atleast_2d is supported with one array",
    checks: ["jnp.atleast_2d(v)", "jnp.atleast_2d(x)", "jnp.atleast_2d(x[0, 0])"],
  },
  atleast_3d: {
    sig: "*arys",
    ivy: (a) => oneArray(a) ? "ivy.atleast_3d(*arys)" : "error: jnp.atleast_3d is supported with one array",
    checks: ["jnp.atleast_3d(v)", "jnp.atleast_3d(x)"],
  },
  vstack: {
    sig: "tup, dtype=None",
    ivy: "ivy.vstack(tup)",
    checks: ["jnp.vstack([x, y])", "jnp.vstack([v, v])", "jnp.vstack((x, v))"],
  },
  hstack: { sig: "tup, dtype=None", ivy: "ivy.hstack(tup)", checks: ["jnp.hstack([x, y])", "jnp.hstack([v, v])"] },
  dstack: { sig: "tup, dtype=None", ivy: "ivy.dstack(tup)", checks: ["jnp.dstack([x, y])", "jnp.dstack([v, v])"] },
  column_stack: {
    sig: "tup",
    ivy: "ivy.column_stack(tup)",
    checks: ["jnp.column_stack([v, v])", "jnp.column_stack([x, y])", "jnp.column_stack((x[:, 0], y))"],
  },
  unstack: {
    sig: "x, /, *, axis=0",
    ivy: "ivy.unstack(x, axis=axis)",
    checks: ["jnp.unstack(x)", "jnp.unstack(x, axis=1)", "jnp.unstack(x, axis=-1)"],
  },
  array_split: {
    sig: "ary, indices_or_sections, axis=0",
    ivy: "ivy.array_split(ary, indices_or_sections, axis=axis)",
    checks: ["jnp.array_split(x, 2)", "jnp.array_split(x, 3, axis=1)", "jnp.array_split(x, [1, 3], axis=1)"],
  },
  vsplit: {
    sig: "ary, indices_or_sections",
    ivy: "ivy.split(ary, indices_or_sections, axis=0)",
    checks: ["jnp.vsplit(x, 3)", "jnp.vsplit(x, [1])"],
  },
  dsplit: {
    sig: "ary, indices_or_sections",
    ivy: "ivy.split(ary, indices_or_sections, axis=2)",
    checks: ["jnp.dsplit(x[None], 2)"],
  },
  append: {
    sig: "arr, values, axis=None",
    ivy: (a) =>
      isNone(a.get("axis"))
        ? "ivy.concatenate([ivy.reshape(arr, (-1,)), ivy.reshape(values, (-1,))])"
        : "ivy.concatenate([arr, values], axis=axis)",
    checks: ["jnp.append(x, v)", "jnp.append(x, y, axis=1)"],
  },
  meshgrid: {
    sig: "*xi, copy=True, sparse=False, indexing='xy'",
    ivy: "ivy.meshgrid(*xi, indexing=indexing)",
    ignored: ["copy"],
    checks: ["jnp.meshgrid(v, x[0, :3])", "jnp.meshgrid(v, x[0, :3], indexing='ij')", "jnp.meshgrid(v, v[:3], v[:2])"],
  },
  // products
  kron: {
    sig: "a, b",
    ivy: "ivy.kron(a, b)",
    checks: ["jnp.kron(x[:2, :2], y[:2, :3])", `jnp.kron(jnp.array([1.5, -2.0]), ${INTS})`],
  },
  inner: {
    sig: "a, b, *, precision=None, preferred_element_type=None",
    ivy: "ivy.inner(a, b)",
    ignored: ["precision"],
    checks: ["jnp.inner(v, v)", "jnp.inner(x, y)", "jnp.inner(x, v)"],
  },
  tensordot: {
    sig: "a, b, axes=2, *, precision=None, preferred_element_type=None, out_sharding=None",
    ivy: "ivy.tensordot(a, b, axes=axes)",
    ignored: ["precision"],
    checks: ["jnp.tensordot(x, y)", "jnp.tensordot(x, y.T, axes=1)", "jnp.tensordot(x, y, axes=([1], [1]))"],
  },
  vdot: {
    sig: "a, b, *, precision=None, preferred_element_type=None",
    ivy: "ivy.dot(ivy.reshape(a, (-1,)), ivy.reshape(b, (-1,)))",
    ignored: ["precision"],
    checks: ["jnp.vdot(x, y)", "jnp.vdot(v, v)"],
  },
  vecdot: {
    sig: "x1, x2, /, *, axis=-1, precision=None, preferred_element_type=None",
    ivy: "ivy.sum(ivy.multiply(x1, x2), axis=axis)",
    ignored: ["precision"],
    checks: ["jnp.vecdot(x, y)", "jnp.vecdot(x, y, axis=0)", "jnp.vecdot(x, v)"],
  },
  matvec: {
    sig: "x1, x2, /",
    ivy: "ivy.einsum('...ij,...j->...i', x1, x2)",
    checks: ["jnp.matvec(x, v)", "jnp.matvec(jnp.stack([x, y]), v)"],
  },
  vecmat: {
    sig: "x1, x2, /",
    ivy: "ivy.einsum('...i,...ij->...j', x1, x2)",
    checks: ["jnp.vecmat(v[:3], x)", "jnp.vecmat(v[:3], jnp.stack([x, y]))"],
  },
  // cumulative sums without the initial zero
  cumulative_sum: {
    sig: "x, /, *, axis=None, dtype=None, include_initial=False",
    ivy: "ivy.cumsum(x, axis=axis)",
    checks: ["jnp.cumulative_sum(v)", "jnp.cumulative_sum(x, axis=1)", `jnp.cumulative_sum(${EDGES})`],
  },
  cumulative_prod: {
    sig: "x, /, *, axis=None, dtype=None, include_initial=False",
    ivy: "ivy.cumprod(x, axis=axis)",
    checks: ["jnp.cumulative_prod(v)", "jnp.cumulative_prod(x, axis=0)"],
  },
  nan_to_num: {
    sig: "x, copy=True, nan=0.0, posinf=None, neginf=None",
    ivy: "ivy.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)",
    ignored: ["copy"],
    checks: [
      `jnp.nan_to_num(${EDGES})`,
      `jnp.nan_to_num(${EDGES}, nan=-1.0, posinf=9.0)`,
      `jnp.nan_to_num(${EDGES}, neginf=0.0)`,
      `jnp.nan_to_num(${INTS})`,
    ],
  },
  isin: {
    sig: "element, test_elements, assume_unique=False, invert=False, *, method='auto'",
    ivy: "ivy.isin(element, test_elements, invert=invert)",
    ignored: ["assume_unique", "method"],
    checks: ["jnp.isin(i, jnp.array([0, 1]))", "jnp.isin(jnp.arange(6), i, invert=True)", "jnp.isin(x, x[0])"],
  },
  trapezoid: {
    sig: "y, x=None, dx=1.0, axis=-1",
    ivy: "ivy.trapezoid(y, x=x, dx=dx, axis=axis)",
    checks: [
      "jnp.trapezoid(x)",
      "jnp.trapezoid(x, dx=0.5, axis=0)",
      "jnp.trapezoid(x, jnp.array([0.0, 1.0, 3.0, 4.0]))",
      `jnp.trapezoid(${INTS})`,
      `jnp.trapezoid(${EDGES})`,
    ],
  },
  frexp: {
    sig: "x, /",
    ivy: "ivy.frexp(x)",
    checks: ["jnp.frexp(x)", "jnp.frexp(jnp.array([0.0, -0.0, 1.0, 3.0, -0.75, 1e30]))", `jnp.frexp(${EDGES})`],
  },
  // real arrays and the complex results of jnp.fft
  real: {
    sig: "val, /",
    ivy: "ivy.real(val)",
    checks: ["jnp.real(jnp.fft.fft(v))", "jnp.real(x)"],
  },
  imag: { sig: "val, /", ivy: "ivy.imag(val)", checks: ["jnp.imag(jnp.fft.fft(v))"] },
  conj: { sig: "x, /", ivy: "ivy.conj(x)", checks: ["jnp.conj(jnp.fft.fft(v))", "jnp.conj(x)"] },
  conjugate: { alias: "jax.numpy.conj" },
  // Python values of an array's shape
  shape: { sig: "a", ivy: "ivy.shape(a)", returns: "python", checks: ["jnp.zeros(jnp.shape(x))"] },
  ndim: { sig: "a", ivy: "ivy.ndim(a)", returns: "python", checks: ["jnp.full((2,), jnp.ndim(x))"] },
  size: {
    sig: "a, axis=None",
    ivy: "ivy.size(a)",
    returns: "python",
    checks: ["jnp.full((2,), jnp.size(x))"],
  },
  astype: {
    sig: "x, dtype, /, *, copy=False, device=None",
    ivy: "ivy.astype(x, dtype)",
    ignored: ["copy"],
    checks: ["jnp.astype(x, jnp.int32)", "jnp.astype(i, jnp.float32)", "jnp.astype(x > 0, jnp.float32)"],
  },
  broadcast_arrays: {
    sig: "*args",
    ivy: "ivy.broadcast_arrays(*args)",
    checks: ["jnp.broadcast_arrays(x, v)", "jnp.broadcast_arrays(x[:, :1], v, x)"],
  },
  broadcast_shapes: {
    sig: "*shapes",
    ivy: "ivy.broadcast_shapes(*shapes)",
    returns: "python",
    checks: ["jnp.zeros(jnp.broadcast_shapes((3, 1), (1, 4)))", "jnp.zeros(jnp.broadcast_shapes((2,), (3, 1), ()))"],
  },
  hsplit: {
    sig: "ary, indices_or_sections",
    ivy: "ivy.hsplit(ary, indices_or_sections)",
    checks: ["jnp.hsplit(x, 2)", "jnp.hsplit(x, [1, 3])", "jnp.hsplit(v, 2)"],
  },
  tril_indices: {
    sig: "n, k=0, m=None",
    ivy: "ivy.tril_indices(n, k=k, m=m)",
    checks: [
      "jnp.tril_indices(3)",
      "jnp.tril_indices(3, 1)",
      "jnp.tril_indices(3, k=-1, m=4)",
      "x[jnp.tril_indices(3)]",
    ],
  },
  triu_indices: {
    sig: "n, k=0, m=None",
    ivy: "ivy.triu_indices(n, k=k, m=m)",
    checks: ["jnp.triu_indices(3)", "jnp.triu_indices(4, k=2, m=3)"],
  },
  diag_indices: {
    sig: "n, ndim=2",
    ivy: "(ivy.arange(n, dtype=ivy.int32),) * ndim",
    checks: ["jnp.diag_indices(3)", "jnp.diag_indices(2, 3)"],
  },
  unravel_index: {
    sig: "indices, shape",
    ivy: "ivy.unravel_index(indices, shape)",
    checks: ["jnp.unravel_index(jnp.array([0, 5, 11]), (3, 4))", "jnp.unravel_index(jnp.array([7]), (2, 2, 2))"],
  },
  // operands of one shape (torch and TensorFlow do not broadcast them)
  cross: {
    sig: "a, b, axisa=-1, axisb=-1, axisc=-1, axis=None",
    ivy: "ivy.cross(a, b)",
    checks: ["jnp.cross(x[:, :3], y[:, :3])", "jnp.cross(v[:3], v[1:])"],
  },
  // `length` (for jit) is not supported: the eager count is as long as the data needs
  bincount: {
    sig: "x, weights=None, minlength=0, *, length=None, out_sharding=None",
    ivy: "ivy.bincount(x, minlength=minlength)",
    checks: ["jnp.bincount(jnp.array([0, 1, 1, 3]))", "jnp.bincount(jnp.array([2, 2]), minlength=5)"],
  },
  polyval: {
    sig: "p, x, *, unroll=16",
    ivy: "ivy.polyval(p, x)",
    ignored: ["unroll"],
    checks: ["jnp.polyval(v, x)", "jnp.polyval(jnp.array([1.0, -2.0, 0.5]), v)", "jnp.polyval(v[:1], x)"],
  },
  // `M` as a literal int
  hanning: windowRow("hanning", (n, m1) => `0.5 * (1 - ivy.cos(${2 / m1} * math.pi * ${n}))`, [
    "jnp.hanning(5)",
    "jnp.hanning(1)",
    "jnp.hanning(0)",
  ]),
  hamming: windowRow("hamming", (n, m1) => `0.54 - 0.46 * ivy.cos(${2 / m1} * math.pi * ${n})`, [
    "jnp.hamming(6)",
    "jnp.hamming(1)",
  ]),
  blackman: windowRow(
    "blackman",
    (n, m1) => `0.42 - 0.5 * ivy.cos(${2 / m1} * math.pi * ${n}) + 0.08 * ivy.cos(${4 / m1} * math.pi * ${n})`,
    ["jnp.blackman(5)", "jnp.blackman(2)"],
  ),
  bartlett: windowRow("bartlett", (n, m1) => `1 - ivy.abs(2 * ${n} - ${m1}) / ${m1}`, [
    "jnp.bartlett(5)",
    "jnp.bartlett(4)",
    "jnp.bartlett(1)",
  ]),
  // `M` and `beta` as literal numbers
  kaiser: {
    sig: "M, beta",
    ivy: (a) => {
      const m = intLiteral(a.get("M"));
      const beta = numberText(a.get("beta"));
      if (m === undefined || beta === undefined) return "error: jnp.kaiser needs `M` and `beta` as literal numbers";
      if (m <= 1) return `ivy.ones((${Math.max(m, 0)},), dtype=ivy.float32)`;
      const alpha = (m - 1) / 2;
      return `ivy.i0(${beta} * ivy.sqrt(1 - ((ivy.arange(${m}, dtype=ivy.float32) - ${alpha}) / ${alpha}) ** 2)) / ivy.i0(ivy.asarray(${beta}, dtype=ivy.float32))`;
    },
    // read by the lowering
    ignored: ["M", "beta"],
    checks: ["jnp.kaiser(5, 1.5)", "jnp.kaiser(4, 0.0)", "jnp.kaiser(1, 3.0)"],
  },
  // `N` as a literal int
  vander: {
    sig: "x, N=None, increasing=False",
    ivy: (a) => {
      const n = intLiteral(a.get("N"));
      if (n === undefined) return "error: jnp.vander needs `N` as a literal int";
      const powers = isTrue(a.get("increasing")) ? `${n}` : `${n - 1}, -1, -1`;
      return `ivy.power(ivy.expand_dims(x, -1), ivy.arange(${powers}, dtype=ivy.int32))`;
    },
    // read by the lowering
    ignored: ["N", "increasing"],
    checks: ["jnp.vander(jnp.array([1.0, 2.0, -0.5]), 3)", "jnp.vander(jnp.array([1, 2, 3]), 4, increasing=True)"],
  },
  // arrays of one shape (JAX also gives False for two shapes; the targets raise)
  array_equal: {
    sig: "a1, a2, equal_nan=False",
    ivy: "ivy.all(ivy.equal(a1, a2))",
    checks: ["jnp.array_equal(x, x)", "jnp.array_equal(x, y)", `jnp.array_equal(${INTS}, ${INTS})`],
  },
  array_equiv: {
    sig: "a1, a2",
    ivy: "ivy.all(ivy.equal(a1, a2))",
    checks: ["jnp.array_equiv(x, x)", "jnp.array_equiv(x[:1], x)", "jnp.array_equiv(v, x)"],
  },
  // `dimensions` as a literal tuple
  indices: {
    sig: "dimensions, dtype=None, sparse=False",
    ivy: (a) => {
      const dims = a.get("dimensions");
      if (dims?.kind !== "Tuple" && dims?.kind !== "List") {
        return "error: jnp.indices needs `dimensions` as a literal tuple";
      }
      const dtype = isNone(a.get("dtype")) ? "ivy.int32" : "dtype";
      const ranges = dims.elts.map((d) => `ivy.arange(${printExpr(d)}, dtype=${dtype})`).join(", ");
      return `ivy.stack(ivy.meshgrid(${ranges}, indexing='ij'))`;
    },
    // read by the lowering
    ignored: ["dimensions"],
    checks: ["jnp.indices((2, 3))", "jnp.indices((3,), dtype=jnp.float32)"],
  },
  // `start` and `stop` as literal numbers of one sign
  geomspace: {
    sig: "start, stop, num=50, endpoint=True, dtype=None, axis=0",
    ivy: (a) => {
      const [start, stop] = [numberValue(a.get("start")), numberValue(a.get("stop"))];
      if (start === undefined || stop === undefined || start * stop <= 0) {
        return "error: jnp.geomspace needs `start` and `stop` as literal numbers of one sign";
      }
      const sign = Math.sign(start);
      const powers = `ivy.power(10.0, ivy.linspace(${Math.log10(start / sign)}, ${
        Math.log10(stop / sign)
      }, num=num, endpoint=endpoint, dtype=ivy.float32))`;
      const signed = sign < 0 ? `ivy.negative(${powers})` : powers;
      return isNone(a.get("dtype")) ? signed : `ivy.astype(${signed}, dtype)`;
    },
    // read by the lowering
    ignored: ["start", "stop"],
    checks: ["jnp.geomspace(1.0, 1000.0, 4)", "jnp.geomspace(-2, -32, 5, endpoint=False)"],
  },
  // data-dependent shapes: computed eagerly, as JAX does outside jit; `size=` (what jit needs) is not supported
  nonzero: {
    sig: "a, *, size=None, fill_value=None",
    ivy: "ivy.nonzero(a)",
    checks: ["jnp.nonzero(x > 0)", `jnp.nonzero(${INTS})`],
  },
  flatnonzero: {
    sig: "a, *, size=None, fill_value=None",
    ivy: "ivy.reshape(ivy.argwhere(ivy.reshape(a, (-1,))), (-1,))",
    checks: ["jnp.flatnonzero(x > 0)"],
  },
  argwhere: {
    sig: "a, *, size=None, fill_value=None",
    ivy: "ivy.argwhere(a)",
    checks: ["jnp.argwhere(x > 0)", `jnp.argwhere(${INTS})`],
  },
  extract: {
    sig: "condition, arr, *, size=None, fill_value=0",
    ivy: "ivy.boolean_mask(ivy.reshape(arr, (-1,)), ivy.not_equal(ivy.reshape(condition, (-1,)), 0))",
    checks: ["jnp.extract(x > 0, y)", "jnp.extract(jnp.floor(x), x)"],
  },
  // without `axis`: the flattened entries where the condition holds
  compress: {
    sig: "condition, a, axis=None, *, size=None, fill_value=0, out=None",
    ivy: "ivy.boolean_mask(ivy.reshape(a, (-1,)), ivy.not_equal(condition, 0))",
    checks: ["jnp.compress(jnp.ravel(x) > 0, x)"],
  },
  // the sorted distinct values only (no return_* flags); torch keeps each NaN apart
  unique: {
    sig:
      "ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *, equal_nan=True, size=None, fill_value=None, sorted=True",
    ivy: "ivy.unique(ar, equal_nan=equal_nan)",
    ignored: ["sorted"],
    checks: [
      "jnp.unique(jnp.floor(x * 2.0))",
      `jnp.unique(jnp.concatenate([${INTS}, ${INTS}]))`,
      `jnp.unique(jnp.concatenate([${UNIQUE_EDGES}, ${UNIQUE_EDGES}]))`,
      `jnp.unique(jnp.concatenate([${UNIQUE_EDGES}, ${UNIQUE_EDGES}]), equal_nan=False)`,
    ],
  },
  unique_values: {
    sig: "x, /, *, size=None, fill_value=None",
    ivy: "ivy.unique(x)",
    checks: ["jnp.unique_values(jnp.floor(x * 2.0))"],
  },
  union1d: {
    sig: "ar1, ar2, *, size=None, fill_value=None",
    ivy: "ivy.unique(ivy.concatenate([ivy.reshape(ar1, (-1,)), ivy.reshape(ar2, (-1,))]))",
    checks: ["jnp.union1d(jnp.floor(x), jnp.floor(v))"],
  },
  // 0 below 0, 1 above, x2 at 0, NaN at NaN
  heaviside: inexact2("heaviside", [
    `jnp.heaviside(${EDGES}, 0.5)`,
    "jnp.heaviside(x, y)",
    `jnp.heaviside(${INTS}, 0.5)`,
  ]),
  modf: {
    sig: "x, /, out=None",
    ivy: "ivy.modf(ivy.inexact(x))",
    checks: ["jnp.modf(x * 3.0)", "jnp.modf(jnp.array([0.0, -0.0, 0.5, -1.5, 2.5, -3.0, 1e30]))"],
  },
  divmod: {
    sig: "x1, x2, /",
    ivy: "ivy.floor_divmod(x1, x2)",
    checks: [`jnp.divmod(${PAIR})`, `jnp.divmod(${INT_PAIR})`],
  },
  // an all-NaN slice (or a count not above ddof) gives NaN
  nanvar: {
    sig: "a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, where=None, mean=None",
    ivy: "ivy.nanvar(ivy.inexact(a), axis=axis, ddof=ddof, keepdims=keepdims)",
    checks: [
      `jnp.nanvar(${NANS})`,
      `jnp.nanvar(${NANS}, axis=1)`,
      `jnp.nanvar(${NANS}, axis=0, ddof=1, keepdims=True)`,
      "jnp.nanvar(x, axis=1)",
    ],
  },
  nanstd: {
    sig: "a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, where=None, mean=None",
    ivy: "ivy.sqrt(ivy.nanvar(ivy.inexact(a), axis=axis, ddof=ddof, keepdims=keepdims))",
    checks: [
      `jnp.nanstd(${NANS})`,
      `jnp.nanstd(${NANS}, axis=1, keepdims=True)`,
      `jnp.nanstd(${NANS}, axis=0, ddof=1)`,
    ],
  },
  digitize: {
    sig: "x, bins, right=False, *, method=None",
    ivy: "ivy.digitize(x, bins, right=right)",
    checks: [
      "jnp.digitize(x, jnp.array([-1.0, 0.0, 1.0]))",
      "jnp.digitize(x, jnp.array([-1.0, 0.0, 1.0]), right=True)",
      "jnp.digitize(jnp.array([0.0, 1.0, 2.5, -1.0]), jnp.array([2.0, 1.0, 0.0]))",
    ],
  },
  // rows as variables (`rowvar=True`), one array; `ddof` (default 1, 0 with `bias=True`)
  cov: {
    sig: "m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, dtype=None",
    ivy: (a) => {
      if (!isNone(a.get("ddof"))) return "ivy.cov(ivy.inexact(m), ddof=ddof)";
      return `ivy.cov(ivy.inexact(m), ddof=${isTrue(a.get("bias")) ? 0 : 1})`;
    },
    // read by the lowering
    ignored: ["bias"],
    checks: ["jnp.cov(x)", "jnp.cov(x, ddof=0)", "jnp.cov(x, bias=True)", "jnp.cov(v)"],
    tolerance: { rtol: 1e-4, why: "a mean subtracted and a product summed in float32" },
  },
  corrcoef: {
    sig: "x, y=None, rowvar=True, dtype=None",
    ivy: "ivy.corrcoef(ivy.inexact(x))",
    checks: ["jnp.corrcoef(x)", "jnp.corrcoef(jnp.stack([v, 2.0 * v, -v]))"],
    tolerance: { rtol: 1e-4, why: "a mean subtracted and a product summed in float32" },
  },
  setdiff1d: {
    sig: "ar1, ar2, assume_unique=False, *, size=None, fill_value=None",
    ivy: "ivy.setdiff1d(ar1, ar2)",
    ignored: ["assume_unique"],
    checks: [
      "jnp.setdiff1d(jnp.floor(x * 2.0), jnp.floor(v * 2.0))",
      `jnp.setdiff1d(${UNIQUE_EDGES}, jnp.array([2.0]))`,
    ],
  },
  intersect1d: {
    sig: "ar1, ar2, assume_unique=False, return_indices=False, *, size=None, fill_value=None",
    ivy: "ivy.intersect1d(ar1, ar2)",
    ignored: ["assume_unique"],
    checks: [
      "jnp.intersect1d(jnp.floor(x * 2.0), jnp.floor(y * 2.0))",
      `jnp.intersect1d(${UNIQUE_EDGES}, jnp.array([jnp.nan, 2.0, 3.0, 0.0]))`,
    ],
  },
  setxor1d: {
    sig: "ar1, ar2, assume_unique=False, *, size=None, fill_value=None",
    ivy: "ivy.setxor1d(ar1, ar2)",
    ignored: ["assume_unique"],
    checks: [
      "jnp.setxor1d(jnp.floor(x * 2.0), jnp.floor(y * 2.0))",
      `jnp.setxor1d(${UNIQUE_EDGES}, jnp.array([jnp.nan, 2.0, 3.0, 0.0]))`,
    ],
  },
  // an all-NaN slice gives -1
  nanargmax: nanArgRow("nanargmax"),
  nanargmin: nanArgRow("nanargmin"),
  angle: {
    sig: "z, deg=False",
    ivy: (
      a,
    ) => (isTrue(a.get("deg"))
      ? `ivy.multiply(ivy.angle(ivy.inexact(z)), ${180 / Math.PI})`
      : "ivy.angle(ivy.inexact(z))"),
    // read by the lowering
    ignored: ["deg"],
    checks: [`jnp.angle(${EDGES})`, "jnp.angle(x, deg=True)", `jnp.angle(${INTS})`, "jnp.angle(jnp.fft.fft(v))"],
  },
  iscomplexobj: {
    sig: "x",
    ivy: "ivy.iscomplexobj(x)",
    returns: "python",
    checks: ["jnp.full((2,), jnp.iscomplexobj(x))", "jnp.full((2,), jnp.iscomplexobj(jnp.fft.fft(v)))"],
  },
  isrealobj: {
    sig: "x",
    ivy: "ivy.isrealobj(x)",
    returns: "python",
    checks: ["jnp.full((2,), jnp.isrealobj(x))", "jnp.full((2,), jnp.isrealobj(jnp.fft.fft(v)))"],
  },
  ...numpyCompositeTable,
};
