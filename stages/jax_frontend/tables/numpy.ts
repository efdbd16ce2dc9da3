/**
 * `jax.numpy`: signatures (from jax/_src/numpy in JAX 0.10.2), lowerings
 * to ivy core ops, and the expressions each row is numerically checked on.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";
import { creationDtype } from "./dtypes.ts";
import { isNone } from "../../literals.ts";

const unary = (op: string, checks: string[]) => ({ sig: "x, /", ivy: `ivy.${op}(x)`, checks });
const binary = (op: string, checks: string[]) => ({ sig: "x, y, /", ivy: `ivy.${op}(x, y)`, checks });
const reduction = (op: string, checks: string[]) => ({
  sig: "a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None",
  ivy: `ivy.${op}(a, axis=axis, keepdims=keepdims)`,
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
    checks: ["jnp.linspace(0.0, 1.0, 5)", "jnp.linspace(-1.0, 1.0, 4, endpoint=False)"],
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
  sqrt: unary("sqrt", ["jnp.sqrt(jnp.abs(x))"]),
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
    ],
  },
  where: {
    sig: "condition, x=None, y=None, /, *, size=None, fill_value=None",
    ivy: (a) =>
      a.get("x")?.kind === "Constant" && (a.get("x") as { value: unknown }).value === null
        ? "error: the one-argument form (`nonzero`) has a data-dependent shape"
        : "ivy.where(condition, x, y)",
    checks: ["jnp.where(x > 0, x, y)", "jnp.where(x > 0, x, 0.0)"],
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
    ivy: "ivy.take(a, indices, axis=axis)",
    ignored: ["unique_indices", "indices_are_sorted"],
    checks: [
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
    ivy: "ivy.matmul(a, b)",
    ignored: ["precision"],
    checks: ["jnp.matmul(x, y.T)", "jnp.matmul(x, v)"],
  },
  dot: {
    sig: "a, b, *, precision=None, preferred_element_type=None, out_sharding=None",
    ivy: "ivy.dot(a, b)",
    ignored: ["precision"],
    checks: ["jnp.dot(x, y.T)", "jnp.dot(v, v)"],
  },
  outer: {
    sig: "a, b, out=None",
    ivy: "ivy.outer(a, b)",
    checks: ["jnp.outer(v, v)", "jnp.outer(x, v)", "jnp.outer(jnp.ones(2), jnp.arange(3))"],
  },
  einsum: {
    sig:
      "subscripts, /, *operands, out=None, optimize='auto', precision=None, preferred_element_type=None, _dot_general=None, out_sharding=None",
    ivy: "ivy.einsum(subscripts, *operands)",
    ignored: ["optimize", "precision"],
    checks: ["jnp.einsum('ij,kj->ik', x, y)", "jnp.einsum('ij->j', x)"],
  },
};
