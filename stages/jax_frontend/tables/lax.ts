/**
 * `jax.lax`: the primitives users call directly.
 *
 * @module
 */
import type { Expr } from "../../ast.ts";
import type { ApiTable, Lowering } from "../api.ts";
import { printExpr } from "../../print.ts";
import { preferredElementType } from "./precision.ts";
import { SPECIAL_POINTS } from "./scipy_special.ts";
import { isNone } from "../../literals.ts";
import { convolution } from "./convolution.ts";

/** A literal tuple or list of non-negative ints, or undefined. */
function literalAxes(e: Expr | undefined): number[] | undefined {
  if (e?.kind !== "Tuple" && e?.kind !== "List") return undefined;
  const axes = e.elts.map((x) => (x.kind === "Constant" && typeof x.value === "number" ? x.value : -1));
  return axes.every((a) => Number.isInteger(a) && a >= 0) ? axes : undefined;
}

/** `operand` with new size-1 axes at `axes` of the result, inserted in increasing order. */
function expandAt(operand: string, axes: readonly number[]): string {
  return [...axes].sort((a, b) => a - b).reduce((x, axis) => `ivy.expand_dims(${x}, ${axis})`, operand);
}

/**
 * A dynamic-slicing lowering: `allow_negative_indices` must keep its default
 * (True: a negative start counts from the end, as the targets' helpers do).
 */
function negativeStartsCount(template: string): Lowering {
  return (a) => {
    const given = a.get("allow_negative_indices");
    return given === undefined || printExpr(given) === "True"
      ? template
      : "error: only `allow_negative_indices=True` is supported";
  };
}

/** The window reductions `lax.reduce_window` can be, by computation and the init value that makes it one. */
const WINDOW_REDUCTIONS: Readonly<Record<string, { init: readonly string[]; pool: string; name: string }>> = {
  "lambda x, y: ivy.maximum(x, y)": { init: ["-math.inf"], pool: "max_pool", name: "lax.max" },
  "lambda x, y: ivy.minimum(x, y)": { init: ["math.inf"], pool: "min_pool", name: "lax.min" },
  "lambda x, y: ivy.add(x, y)": { init: ["0", "0.0"], pool: "avg_pool", name: "lax.add" },
};

/**
 * `lax.reduce_window` as the pooling it is (Flax's pooling functions are written with it): a max, min or sum
 * over windows of the axes between the first (batch) and the last (features), whose window and stride are 1;
 * the sum is the average pool (padding counted) times the window size.
 */
function reduceWindow(a: ReadonlyMap<string, Expr>): string {
  const computation = a.get("computation");
  const reduction = computation && WINDOW_REDUCTIONS[printExpr(computation)];
  if (!reduction) return "error: `computation` must be lax.max, lax.min or lax.add";
  const init = a.get("init_value");
  if (!init || !reduction.init.includes(printExpr(init))) {
    return `error: \`init_value\` must be the identity of ${reduction.name} (${reduction.init[0]})`;
  }
  const window = literalAxes(a.get("window_dimensions"));
  const strides = isNone(a.get("window_strides")) ? window?.map(() => 1) : literalAxes(a.get("window_strides"));
  const ones = (e?: Expr) => isNone(e) || literalAxes(e)?.every((d) => d === 1);
  if (!window || !strides || window.length < 3 || strides.length !== window.length) {
    return "error: `window_dimensions` and `window_strides` must be literal tuples of ints of the operand's rank";
  }
  const outer = [window[0], window.at(-1), strides[0], strides.at(-1)];
  if (outer.some((d) => d !== 1) || !ones(a.get("base_dilation")) || !ones(a.get("window_dilation"))) {
    return "error: only windows over the axes between the first and the last, without dilation, are supported";
  }
  const padding = a.get("padding");
  let pad = "padding";
  if (padding?.kind === "Tuple" || padding?.kind === "List") {
    const pairs = padding.elts.map((p) => printExpr(p).replace(/\[|\]/g, ""));
    if (pairs.length !== window.length || ![pairs[0], pairs[pairs.length - 1]].every((p) => p === "(0, 0)")) {
      return "error: explicit `padding` must be one (low, high) pair per axis, (0, 0) on the first and last";
    }
    pad = `(${pairs.slice(1, -1).join(", ")},)`;
  }
  const tuple = (xs: number[]) => `(${xs.slice(1, -1).join(", ")},)`;
  const pool = `ivy.${reduction.pool}(operand, ${tuple(window)}, strides=${tuple(strides)}, padding=${pad})`;
  if (reduction.pool !== "avg_pool") return pool;
  const size = window.slice(1, -1).reduce((n, d) => n * d, 1);
  return `ivy.multiply(${pool}, ${size})`;
}

/** The `jax.lax` table. */
export const laxTable: ApiTable = {
  rsqrt: { sig: "x, *, accuracy=None", ivy: "ivy.rsqrt(x)", checks: ["lax.rsqrt(jnp.abs(x) + 0.5)"] },
  erf: {
    sig: "x",
    ivy: "ivy.erf(x)",
    checks: ["lax.erf(x)", "lax.erf(x * 4.0)", "lax.erf(jnp.array([0.0, -0.0, 1e-6, -1e-6]))"],
  },
  // lax's argument order: the bounds around the operand.
  clamp: {
    sig: "min, x, max",
    ivy: "ivy.clip(x, min=min, max=max)",
    checks: ["lax.clamp(-0.5, x, 0.5)", "lax.clamp(y - 0.5, x, y + 0.5)", "lax.clamp(0, i, 1)"],
  },
  // `y` is a Python int; a negative one is 1 / x ** -y, as JAX computes it.
  integer_pow: {
    sig: "x, y",
    ivy: "ivy.power(x, y)",
    checks: [
      "lax.integer_pow(x, 3)",
      "lax.integer_pow(jnp.abs(x) + 0.5, -2)",
      "lax.integer_pow(i, 2)",
      "lax.integer_pow(x, 0)",
    ],
  },
  // New axes at literal, non-negative result positions.
  expand_dims: {
    sig: "array, dimensions",
    ivy: (a) => {
      const axes = literalAxes(a.get("dimensions"));
      return axes ? expandAt("array", axes) : "error: `dimensions` must be a literal tuple of non-negative ints";
    },
    checks: ["lax.expand_dims(x, (0,))", "lax.expand_dims(x, (0, 3))", "lax.expand_dims(v, [2, 0])"],
  },
  // The operand's axis k becomes the result's axis broadcast_dimensions[k]; the others are broadcast.
  broadcast_in_dim: {
    sig: "operand, shape, broadcast_dimensions, *, out_sharding=None",
    ivy: (a) => {
      const shape = literalAxes(a.get("shape"));
      const kept = literalAxes(a.get("broadcast_dimensions"));
      if (!shape || !kept) return "error: `shape` and `broadcast_dimensions` must be literal tuples of ints";
      const added = shape.map((_, k) => k).filter((k) => !kept.includes(k));
      return `ivy.broadcast_to(${expandAt("operand", added)}, shape)`;
    },
    ignored: ["out_sharding"],
    checks: [
      "lax.broadcast_in_dim(v, (3, 4), (1,))",
      "lax.broadcast_in_dim(v, (4, 2), (0,))",
      "lax.broadcast_in_dim(x, (3, 2, 4), (0, 2))",
      "lax.broadcast_in_dim(x, (3, 4), (0, 1))",
      "lax.broadcast_in_dim(i, (2, 3, 5), (1,))",
    ],
  },
  // [values, int32 indices] (a list, as JAX returns), largest first.
  top_k: {
    sig: "operand, k, *, axis=-1",
    ivy: "ivy.top_k(operand, k)",
    checks: ["lax.top_k(x, 2)", "lax.top_k(v, 4)", "lax.top_k(i * 2 + jnp.arange(3), 2)"],
  },
  cumsum: {
    sig: "operand, axis=0, reverse=False",
    ivy: "ivy.cumsum(operand, axis=axis)",
    checks: ["lax.cumsum(x)", "lax.cumsum(x, axis=1)", "lax.cumsum(v)", "lax.cumsum(x, reverse=False)"],
  },
  // Any contracting and batch axes, written as an einsum.
  dot_general: {
    sig: "lhs, rhs, dimension_numbers, precision=None, preferred_element_type=None, *, out_sharding=None",
    ivy: preferredElementType((t) => `ivy.dot_general(${t("lhs")}, ${t("rhs")}, dimension_numbers)`),
    ignored: ["precision", "preferred_element_type"],
    checks: [
      "lax.dot_general(x, y, (((1,), (1,)), ((), ())))",
      "lax.dot_general(x, v, (((1,), (0,)), ((), ())))",
      "lax.dot_general(x.reshape(3, 2, 2), y.reshape(3, 2, 2), (((2,), (1,)), ((0,), (0,))))",
      "lax.dot_general(x.reshape(3, 2, 2), y.reshape(3, 2, 2), (((0, 2), (0, 1)), ((), ())))",
      "lax.dot_general(x.reshape(2, 3, 2), y.reshape(2, 2, 3), (((1,), (2,)), ((0,), (0,))), precision='highest')",
      "lax.dot_general(i[:, None], i[None], (((1,), (0,)), ((), ())), preferred_element_type=jnp.float32)",
    ],
  },
  // Any dimension numbers, as transposes around the core op's (batch, *spatial, in) x (*spatial, in, out) layout.
  conv_general_dilated: {
    sig: "lhs, rhs, window_strides, padding, lhs_dilation=None, rhs_dilation=None, dimension_numbers=None, " +
      "feature_group_count=1, batch_group_count=1, precision=None, preferred_element_type=None, out_sharding=None",
    ivy: convolution(),
    ignored: ["precision", "preferred_element_type", "lhs_dilation", "rhs_dilation", "dimension_numbers"],
    checks: [
      // NCHW / OIHW, lax's default layout
      "lax.conv_general_dilated(x.reshape(1, 1, 3, 4), y[:2, :2].reshape(1, 1, 2, 2), (1, 1), 'VALID')",
      "lax.conv_general_dilated(x.reshape(1, 2, 3, 2), y.reshape(3, 2, 1, 2), (1, 1), 'SAME')",
      // channels-last, strided, dilated, explicit and asymmetric padding
      "lax.conv_general_dilated(x.reshape(1, 3, 4, 1), y[:2, :2].reshape(2, 2, 1, 1), (2, 1), 'SAME', " +
      "dimension_numbers=('NHWC', 'HWIO', 'NHWC'))",
      "lax.conv_general_dilated(x.reshape(1, 3, 4, 1), y[:2, :2].reshape(2, 2, 1, 1), (1, 1), ((1, 0), (0, 2)), " +
      "rhs_dilation=(1, 2), dimension_numbers=('NHWC', 'HWIO', 'NHWC'))",
      "lax.conv_general_dilated(x.reshape(1, 3, 4, 1), y[:2, :2].reshape(2, 2, 1, 1), (1, 1), ((1, 1), (1, 1)), " +
      "lhs_dilation=(2, 1), dimension_numbers=('NHWC', 'HWIO', 'NHWC'))",
      // 1-D, grouped (depthwise) and mixed layouts
      "lax.conv_general_dilated(x.reshape(1, 12, 1), v[:3].reshape(3, 1, 1), (1,), 'SAME', " +
      "dimension_numbers=('NWC', 'WIO', 'NWC'))",
      "lax.conv_general_dilated(x.reshape(1, 3, 2, 2), y[:2, :2].reshape(2, 1, 1, 2), (1, 1), 'VALID', " +
      "dimension_numbers=('NHWC', 'HWIO', 'NHWC'), feature_group_count=2)",
      "lax.conv_general_dilated(x.reshape(1, 3, 4, 1), y[:2, :2].reshape(1, 2, 2, 1), (1, 1), 'VALID', " +
      "dimension_numbers=('NHWC', 'OHWI', 'NCHW'))",
      "lax.conv_general_dilated(x.reshape(3, 4, 1, 1), y[:2, :2].reshape(2, 2, 1, 1), (1, 1), 'SAME', " +
      "dimension_numbers=('HWCN', 'HWIO', 'NWHC'))",
    ],
  },
  // NCHW / OIHW, undilated
  conv: {
    sig: "lhs, rhs, window_strides, padding, precision=None, preferred_element_type=None",
    ivy: convolution({ feature_group_count: "1" }),
    ignored: ["precision", "preferred_element_type"],
    checks: ["lax.conv(x.reshape(1, 1, 3, 4), y[:2, :2].reshape(1, 1, 2, 2), (1, 2), 'SAME')"],
  },
  // The value is x; only its gradient is zero.
  // sharding means nothing on one device
  with_sharding_constraint: {
    sig: "x, shardings",
    ivy: "x",
    // under a trace (JAX needs one): the constraint inside vmap
    checks: ['jax.vmap(lambda a: lax.with_sharding_constraint(a * 2.0, jax.P("model")))(x)'],
  },
  stop_gradient: {
    sig: "x",
    ivy: "ivy.stop_gradient(x)",
    checks: ["lax.stop_gradient(x)", "lax.stop_gradient(x) * y"],
  },
  square: { sig: "x", ivy: "ivy.square(x)", checks: ["lax.square(x)"] },
  exp: { sig: "x, *, accuracy=None", ivy: "ivy.exp(x)", checks: ["lax.exp(x)"] },
  tanh: { sig: "x, *, accuracy=None", ivy: "ivy.tanh(x)", checks: ["lax.tanh(x)"] },
  // Elementwise arithmetic of operands of one dtype (or a weakly typed Python number), as the jnp functions.
  add: {
    sig: "x, y",
    ivy: "ivy.add(x, y)",
    asValue: "lambda x, y: ivy.add(x, y)",
    checks: ["lax.add(x, y)", "lax.add(i, 2)", "jax.tree.map(lax.add, (x, v), (y, v))"],
  },
  sub: { sig: "x, y", ivy: "ivy.subtract(x, y)", checks: ["lax.sub(x, y)", "lax.sub(i, i * 3)"] },
  mul: { sig: "x, y, *, out_dtype=None", ivy: "ivy.multiply(x, y)", checks: ["lax.mul(x, y)", "lax.mul(i, 3)"] },
  neg: { sig: "x", ivy: "ivy.negative(x)", checks: ["lax.neg(x)", "lax.neg(i)"] },
  abs: { sig: "x", ivy: "ivy.abs(x)", checks: ["lax.abs(x)", "lax.abs(i - 1)"] },
  sign: { sig: "x", ivy: "ivy.sign(x)", checks: [`lax.sign(${SPECIAL_POINTS})`, "lax.sign(i - 1)"] },
  floor: { sig: "x", ivy: "ivy.floor(x)", checks: ["lax.floor(x * 3.0)"] },
  ceil: { sig: "x", ivy: "ivy.ceil(x)", checks: ["lax.ceil(x * 3.0)"] },
  sqrt: {
    sig: "x, *, accuracy=None",
    ivy: "ivy.sqrt(x)",
    checks: [`jnp.clip(lax.sqrt(${SPECIAL_POINTS}), -1e35, 1e35)`],
  },
  log: { sig: "x, *, accuracy=None", ivy: "ivy.log(x)", checks: [`jnp.clip(lax.log(${SPECIAL_POINTS}), -1e35, 1e35)`] },
  log1p: { sig: "x, *, accuracy=None", ivy: "ivy.log1p(x)", checks: ["lax.log1p(jnp.abs(x))"] },
  sin: { sig: "x, *, accuracy=None", ivy: "ivy.sin(x)", checks: ["lax.sin(x)"] },
  cos: { sig: "x, *, accuracy=None", ivy: "ivy.cos(x)", checks: ["lax.cos(x)"] },
  logistic: { sig: "x, *, accuracy=None", ivy: "ivy.sigmoid(x)", checks: ["lax.logistic(x * 10.0)"] },
  erfc: { sig: "x", ivy: "ivy.erfc(x)", checks: ["lax.erfc(x * 3.0)"] },
  erf_inv: {
    sig: "x",
    ivy: "ivy.erf_inv(x)",
    checks: [
      "lax.erf_inv(jnp.tanh(x))",
      "lax.erf_inv(jnp.array([-0.0, 1e-30, -3e-7, 0.04, 0.7, -0.9999, 0.99999994, -1.0, 1.0000001]))",
    ],
  },
  lgamma: { sig: "x", ivy: "ivy.lgamma(x)", checks: ["lax.lgamma(jnp.abs(x) + 0.1)"] },
  digamma: { sig: "x", ivy: "ivy.digamma(x)", checks: ["lax.digamma(jnp.abs(x) + 0.1)"] },
  // matmul over matching leading batch axes
  batch_matmul: {
    sig: "lhs, rhs, precision=None",
    ivy: "ivy.matmul(lhs, rhs)",
    ignored: ["precision"],
    checks: ["lax.batch_matmul(x.reshape(3, 2, 2), y.reshape(3, 2, 2))", "lax.batch_matmul(x[None], y.T[None])"],
  },
  // one operand only (a sequence of operands sorted by keys is not supported); NaN sorts last, as in JAX
  sort: {
    sig: "operand, dimension=-1, is_stable=True, num_keys=1",
    ivy: (a) =>
      ["List", "Tuple"].includes(a.get("operand")?.kind ?? "")
        ? "error: sorting a sequence of operands is not supported"
        : "ivy.sort(operand, axis=dimension)",
    ignored: ["is_stable"],
    checks: ["lax.sort(x)", "lax.sort(x, dimension=0)", "lax.sort(i)"],
  },
  cumprod: {
    sig: "operand, axis=0, reverse=False",
    ivy: "ivy.cumprod(operand, axis=axis)",
    checks: ["lax.cumprod(x)", "lax.cumprod(x, axis=1)"],
  },
  reduce_window: {
    sig: "operand, init_value, computation, window_dimensions, window_strides=None, padding='VALID', " +
      "base_dilation=None, window_dilation=None",
    ivy: reduceWindow,
    // consumed by the lowering, which checks them
    ignored: ["window_strides", "padding", "base_dilation", "window_dilation"],
    checks: [
      "lax.reduce_window(x.reshape(1, 3, 4, 1), -jnp.inf, lax.max, (1, 2, 2, 1), (1, 1, 2, 1), 'VALID')",
      "lax.reduce_window(x.reshape(1, 3, 4, 1), jnp.inf, lax.min, (1, 2, 2, 1), (1, 2, 2, 1), 'SAME')",
      "lax.reduce_window(x.reshape(1, 3, 2, 2), 0.0, lax.add, (1, 3, 2, 1), (1, 1, 1, 1), 'SAME')",
      "lax.reduce_window(x.reshape(2, 6, 1), 0.0, lax.add, (1, 3, 1), (1, 2, 1), ((0, 0), (1, 1), (0, 0)))",
      "lax.reduce_window(x.reshape(1, 3, 4, 1), -jnp.inf, lax.max, (1, 3, 3, 1), (1, 1, 1, 1), " +
      "((0, 0), (1, 1), (1, 1), (0, 0)))",
    ],
  },
  // Elementwise, as jnp.maximum/minimum (lax.max/min of arrays of one dtype).
  max: {
    sig: "x, y",
    ivy: "ivy.maximum(x, y)",
    asValue: "lambda x, y: ivy.maximum(x, y)",
    checks: ["lax.max(x, y)", "jax.tree.map(lax.max, [x, v], [y, v * 2.0])"],
  },
  min: {
    sig: "x, y",
    ivy: "ivy.minimum(x, y)",
    asValue: "lambda x, y: ivy.minimum(x, y)",
    checks: ["lax.min(x, y)"],
  },
  // Control flow runs eagerly in every target, as Python loops and branches (JAX's own reference semantics);
  // `unroll` only changes how XLA compiles a loop.
  fori_loop: {
    sig: "lower, upper, body_fun, init_val, *, unroll=None",
    ivy: "ivy.fori_loop(lower, upper, body_fun, init_val)",
    ignored: ["unroll"],
    checks: [
      "lax.fori_loop(0, 3, lambda k, c: c * 0.5 + x, y)",
      "lax.fori_loop(1, 4, lambda k, c: (c[0] + k * c[1], c[1] * 0.5), (x, y))",
      "lax.fori_loop(0, 3, lambda k, c: {'h': jnp.tanh(c['h'] @ x[:, :3] + v[:3]), 'n': c['n'] + 1}, {'h': x[:1, :3], 'n': 0})",
      "lax.fori_loop(0, 0, lambda k, c: c + 1.0, x)",
      "lax.fori_loop(2, 5, lambda k, c: c + k, 0, unroll=True)",
    ],
  },
  while_loop: {
    sig: "cond_fun, body_fun, init_val",
    ivy: "ivy.while_loop(cond_fun, body_fun, init_val)",
    checks: [
      "lax.while_loop(lambda c: c[0] < 4, lambda c: (c[0] + 1, c[1] * 0.5 + x), (0, y))",
      "lax.while_loop(lambda c: jnp.max(jnp.abs(c)) > 0.1, lambda c: c * 0.5, x)",
      "lax.while_loop(lambda c: c['n'] < 3, lambda c: {'n': c['n'] + 1, 's': [c['s'][0] + v]}, {'n': jnp.int32(0), 's': [v]})",
    ],
  },
  // The chosen branch applied to the operands: `(true_fun if pred else false_fun)(*operands)`.
  cond: {
    // `operand=` is the older spelling of a single operand
    sig: "pred, true_fun, false_fun, *operands, operand=_no_operand_sentinel",
    ivy: (a) =>
      a.get("operand")?.kind === "Name" && (a.get("operand") as { id: string }).id === "_no_operand_sentinel"
        ? "ivy.cond(pred, true_fun, false_fun, *operands)"
        : "ivy.cond(pred, true_fun, false_fun, operand)",
    checks: [
      "lax.cond(jnp.sum(x) > 0, lambda _: x * 2.0, lambda _: y, operand=None)",
      "lax.cond(jnp.sum(x) > 0, jnp.sin, jnp.cos, operand=x)",
      "lax.cond(jnp.sum(x) > 0, lambda a, b: a + b, lambda a, b: a - b, x, y)",
      "lax.cond(jnp.sum(x) < 0, lambda a, b: a + b, lambda a, b: a - b, x, y)",
      "lax.cond(True, lambda: x * 2.0, lambda: y)",
      "lax.cond(i[1], lambda t: (t[0] * v, {'y': t[1]}), lambda t: (t[0] - v, {'y': -t[1]}), (x, y))",
      "lax.cond(jnp.all(x < 10.0), jnp.tanh, jnp.sin, x)",
    ],
  },
  // JAX clamps the index into range.
  switch: {
    sig: "index, branches, *operands",
    ivy: "ivy.switch(index, branches, *operands)",
    checks: [
      "lax.switch(i[0], [lambda a: a + 1.0, lambda a: a * 2.0, lambda a: -a], x)",
      "lax.switch(1, [lambda a, b: (a + b, b), lambda a, b: (a - b, {'b': b}['b'])], x, y)",
      "lax.switch(i[0] + 5, [lambda: x, lambda: y])",
      "lax.switch(-3, [lambda a: a + 1.0, lambda a: a * 2.0], v)",
    ],
  },
  select: {
    sig: "pred, on_true, on_false",
    ivy: "ivy.where(pred, on_true, on_false)",
    checks: ["lax.select(x > y, x, y)", "lax.select(x > 0, jnp.sin(x), jnp.zeros_like(x))"],
  },
  // Start indices (Python ints or integer scalar arrays) count from the end when negative, then are clamped so that
  // the slice stays in bounds: the checks start before, inside and past the ends.
  dynamic_slice: {
    sig: "operand, start_indices, slice_sizes, *, allow_negative_indices=True",
    ivy: negativeStartsCount("ivy.dynamic_slice(operand, start_indices, slice_sizes)"),
    ignored: ["allow_negative_indices"],
    checks: [
      "lax.dynamic_slice(x, (1, 1), (2, 3))",
      "lax.dynamic_slice(x, (i[0], i[1]), (2, 2))",
      "lax.dynamic_slice(x, (2, 3), (2, 2))",
      "lax.dynamic_slice(x, (-1, -3), (2, 2))",
      "lax.dynamic_slice(x, (-7, 9), (1, 4))",
      "lax.dynamic_slice(x, jnp.array([1, -2], dtype=jnp.int32), (2, 1))",
      "lax.dynamic_slice(i, (jnp.array(5, dtype=jnp.int32),), (2,))",
      "lax.dynamic_slice(v, [jnp.argmax(v)], [3])",
    ],
  },
  dynamic_slice_in_dim: {
    sig: "operand, start_index, slice_size, axis=0, *, allow_negative_indices=True",
    ivy: negativeStartsCount("ivy.dynamic_slice_in_dim(operand, start_index, slice_size, axis)"),
    ignored: ["allow_negative_indices"],
    checks: [
      "lax.dynamic_slice_in_dim(x, 1, 2)",
      "lax.dynamic_slice_in_dim(x, i[0], 3, axis=1)",
      "lax.dynamic_slice_in_dim(x, 3, 2, axis=-1)",
      "lax.dynamic_slice_in_dim(x, -2, 2, 0)",
      "lax.dynamic_slice_in_dim(x, -9, 1, axis=1)",
      "lax.dynamic_slice_in_dim(i, jnp.array(2, dtype=jnp.int32), 1)",
    ],
  },
  // `dynamic_slice_in_dim` of size 1, its axis dropped unless `keepdims`.
  dynamic_index_in_dim: {
    sig: "operand, index, axis=0, keepdims=True, *, allow_negative_indices=True",
    ivy: (a) => {
      const sliced = "ivy.dynamic_slice_in_dim(operand, index, 1, axis)";
      const keepdims = a.get("keepdims");
      if (keepdims !== undefined && printExpr(keepdims) !== "True" && printExpr(keepdims) !== "False") {
        return "error: `keepdims` must be a literal True or False";
      }
      return negativeStartsCount(keepdims && printExpr(keepdims) === "False" ? `ivy.squeeze(${sliced}, axis)` : sliced)(
        a,
      );
    },
    // `keepdims` is read by the lowering
    ignored: ["allow_negative_indices", "keepdims"],
    checks: [
      "lax.dynamic_index_in_dim(x, 2)",
      "lax.dynamic_index_in_dim(x, i[2], axis=1, keepdims=False)",
      "lax.dynamic_index_in_dim(x, -1, 1, False)",
      "lax.dynamic_index_in_dim(x, 10, axis=0, keepdims=False)",
    ],
  },
  dynamic_update_slice: {
    sig: "operand, update, start_indices, *, allow_negative_indices=True",
    ivy: negativeStartsCount("ivy.dynamic_update_slice(operand, update, start_indices)"),
    ignored: ["allow_negative_indices"],
    checks: [
      "lax.dynamic_update_slice(x, y[:2, :2] * 10.0, (1, 1))",
      "lax.dynamic_update_slice(x, y[:2, :3], (i[0], i[1]))",
      "lax.dynamic_update_slice(x, y[:2, :2], (2, 3))",
      "lax.dynamic_update_slice(x, y[:1, :3], (-1, -2))",
      "lax.dynamic_update_slice(x, y[:2], (-8, 0))",
      "lax.dynamic_update_slice(i, i[:2] * 7, jnp.array([5], dtype=jnp.int32))",
      "lax.dynamic_update_slice(v, jnp.zeros((2,)), [jnp.argmin(v)])",
    ],
  },
  dynamic_update_slice_in_dim: {
    sig: "operand, update, start_index, axis, *, allow_negative_indices=True",
    ivy: negativeStartsCount("ivy.dynamic_update_slice_in_dim(operand, update, start_index, axis)"),
    ignored: ["allow_negative_indices"],
    checks: [
      "lax.dynamic_update_slice_in_dim(x, y[:1] + 5.0, 1, 0)",
      "lax.dynamic_update_slice_in_dim(x, y[:, :2], i[0], axis=1)",
      "lax.dynamic_update_slice_in_dim(x, y[:, :3], 3, axis=-1)",
      "lax.dynamic_update_slice_in_dim(x, y[:2], -1, 0)",
      "lax.dynamic_update_slice_in_dim(i, i[:1], jnp.array(-7, dtype=jnp.int32), 0)",
    ],
  },
  // Each step's ys, pytrees, stacked along a new leading axis, in xs order also with `reverse=True`.
  scan: {
    sig: "f, init, xs=None, length=None, reverse=False, unroll=1, _split_transpose=False",
    ivy: "ivy.scan(f, init, xs, length=length, reverse=reverse)",
    ignored: ["unroll", "_split_transpose"],
    checks: [
      "lax.scan(lambda c, r: (c + r, c * r), v, x)",
      "lax.scan(lambda c, r: (c + r, c * r), v, x, reverse=True)",
      "lax.scan(lambda c, _: (c * 0.5 + x, {'c': c, 'm': jnp.mean(c)}), y, None, length=3)",
      "lax.scan(lambda c, t: ((c[0] + t['a'] * v, c[1] + 1), t['b'] - c[0]), (v, 0), {'a': x[:, 0], 'b': y})",
      "lax.scan(lambda c, t: (c * t[0] + x[t[1]], None), v, (x, i), unroll=2)",
      "lax.scan(lambda c, r: (jnp.tanh(c @ x[:, :3] + r), [c]), x[:1, :3], y.T, reverse=True)",
      // zero steps: the carry unchanged, empty ys of each step's shape and dtype
      "lax.scan(lambda c, r: (c + r, {'s': c * 2.0, 'n': jnp.argmax(r)}), v, x[:0])",
      "lax.scan(lambda c, _: (c + 1.0, c), v, None, length=0)",
    ],
  },
};
