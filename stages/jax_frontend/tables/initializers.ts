/**
 * `jax.nn.initializers` and `flax.nnx.initializers` called directly
 * (jax/_src/nn/initializers.py, flax/nnx/nn/initializers.py): a factory such
 * as `normal(0.02)` is an initializer, a function of `(key, shape, dtype)`,
 * written as a lambda over the core ops (the jax_frontend stage inlines it
 * where it is called at once). Random ones draw from the target's generator:
 * the same distribution, other numbers; the variance-scaling family computes
 * the fans as JAX does for any literal axes (by default in -2, out -1, the
 * rest the receptive field); `orthogonal` takes a QR decomposition of a
 * normal draw, as `jax.random.orthogonal` does, and `delta_orthogonal` puts
 * one at the center of a conv kernel. As layer arguments
 * (`kernel_init=`, `scale_init=`, ...) the layers call them with Flax's
 * shapes and their `rngs`' params stream.
 *
 * @module
 */
import type { ApiTable, Lowering } from "../api.ts";
import type { Expr } from "../../ast.ts";
import { printExpr } from "../../print.ts";
import { floatDtype } from "./random.ts";

/** An initializer with a default dtype: `lambda key, shape, dtype=...: body`, float32 unless the factory says. */
function initializer(body: string, extra = ""): Lowering {
  return (a) => `lambda key, shape, dtype=${floatDtype(a)}${extra}: ${body}`;
}

const ZEROS = "lambda key, shape, dtype=ivy.float32: ivy.zeros(shape, dtype=dtype)";
const ONES = "lambda key, shape, dtype=ivy.float32: ivy.ones(shape, dtype=dtype)";
/** `zeros(key, shape, dtype)` itself: the initializer, called or passed as a value. */
const DIRECT = "key, shape, dtype=None, out_sharding=None";

/** A weight's fans with the default axes (in -2, out -1, no batch axis): the receptive field times each. */
const FANS: Readonly<Record<string, string>> = {
  fan_in: "math.prod(shape[:-1])",
  fan_out: "math.prod(shape[:-2]) * shape[-1]",
  fan_avg: "(math.prod(shape[:-1]) + math.prod(shape[:-2]) * shape[-1]) / 2",
  fan_geo_avg: "math.sqrt(math.prod(shape[:-1]) * math.prod(shape[:-2]) * shape[-1])",
};

/** The standard deviation of a standard normal truncated to (-2, 2). */
const TRUNCATED_STD = "0.87962566103423978";

/** A literal string argument's value, or undefined. */
function literal(e: Expr | undefined): string | undefined {
  return e?.kind === "Constant" && typeof e.value === "string" ? e.value : undefined;
}

/** A literal int, possibly negated. */
function literalInt(e: Expr): boolean {
  return (e.kind === "Constant" && typeof e.value === "number" && Number.isInteger(e.value)) ||
    (e.kind === "UnaryOp" && e.op === "-" && literalInt(e.operand));
}

/**
 * The size of the axes a literal `in_axis` / `out_axis` / `batch_axis`
 * names (an int or a tuple of ints), as a Python expression over `shape`,
 * or undefined when the argument is not such a literal.
 */
function axesSize(e: Expr): string | undefined {
  if (literalInt(e)) return `shape[${printExpr(e)}]`;
  if (e.kind !== "Tuple" || !e.elts.every(literalInt)) return undefined;
  return e.elts.length ? e.elts.map((a) => `shape[${printExpr(a)}]`).join(" * ") : "1";
}

/**
 * A weight's fans for the given axes, as JAX's `_compute_fans` computes
 * them: the receptive field (every other axis) times the in (or out) axes,
 * that is the whole size over the out (or in) and batch axes.
 */
function fansFor(a: ReadonlyMap<string, Expr>): Readonly<Record<string, string>> | string {
  const given = ["in_axis", "out_axis", "batch_axis"].map((n) => a.get(n));
  const defaults = ["-2", "-1", "()"];
  if (given.every((e, k) => e === undefined || printExpr(e) === defaults[k])) return FANS;
  const [size, outSize, batch] = given.map((e, k) => (e === undefined ? undefined : axesSize(e)) ?? defaults[k]);
  if (given.some((e) => e !== undefined && axesSize(e) === undefined)) {
    return "error: `in_axis`, `out_axis` and `batch_axis` must be literal ints or tuples of ints";
  }
  const sized = (text: string) => (text === "-2" ? "shape[-2]" : text === "-1" ? "shape[-1]" : text);
  const [inN, outN, batchN] = [sized(size), sized(outSize), batch === "()" ? "1" : batch];
  const per = (n: string) => (batchN === "1" ? n : `${n} * ${batchN}`);
  const fanIn = `math.prod(shape) / (${per(outN)})`;
  const fanOut = `math.prod(shape) / (${per(inN)})`;
  return {
    fan_in: fanIn,
    fan_out: fanOut,
    fan_avg: `(${fanIn} + ${fanOut}) / 2`,
    fan_geo_avg: `math.sqrt(${fanIn} * ${fanOut})`,
  };
}

/**
 * `variance_scaling(scale, mode, distribution)` as JAX draws it: the
 * variance `scale / fan`, from a standard normal truncated to (-2, 2) and
 * rescaled, a normal, or a uniform on (-1, 1) times sqrt(3 variance); `mode`
 * and `distribution` literal strings, the axes literal ints or tuples.
 */
function varianceScaling(scale: string, mode?: string, distribution?: string): Lowering {
  return (a) => {
    const given = (name: string, value?: string) => value ?? literal(a.get(name));
    const fans = fansFor(a);
    if (typeof fans === "string") return fans;
    const fan = fans[given("mode", mode) ?? ""];
    const kind = given("distribution", distribution);
    if (!fan) return "error: `mode` must be a literal 'fan_in', 'fan_out', 'fan_avg' or 'fan_geo_avg'";
    const std = `math.sqrt(${scale} / (${fan}))`;
    const body = kind === "truncated_normal"
      ? `ivy.random_truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * (${std} / ${TRUNCATED_STD})`
      : kind === "normal"
      ? `ivy.random_normal(key, shape, dtype=dtype) * ${std}`
      : kind === "uniform"
      ? `ivy.random_uniform(key, shape, dtype=dtype, minval=-1.0, maxval=1.0) * (math.sqrt(3.0) * ${std})`
      : undefined;
    if (!body) return "error: `distribution` must be a literal 'truncated_normal', 'normal' or 'uniform'";
    return initializer(body)(a);
  };
}

/**
 * `orthogonal(scale, column_axis)` as JAX draws it: a matrix of the shape's
 * other axes (flattened) by its `column_axis` with orthonormal columns (or
 * rows, when wider than tall), `jax.random.orthogonal`'s, reshaped with the
 * columns last and moved to `column_axis`, times `scale`.
 */
const orthogonal: Lowering = (a) => {
  const column = a.get("column_axis");
  const matrix = (rows: string, columns: string) => `ivy.random_orthogonal(key, ${rows}, ${columns}, dtype=dtype)`;
  if (column === undefined || printExpr(column) === "-1") {
    return initializer(`ivy.reshape(${matrix("math.prod(shape[:-1])", "shape[-1]")}, shape) * scale`)(a);
  }
  // the axis, named once, as the lambda's own default argument `c`
  const moved = "(*shape[:c], *shape[c:][1:], shape[c])";
  const q = matrix("math.prod(shape) // shape[c]", "shape[c]");
  return initializer(`ivy.moveaxis(ivy.reshape(${q}, ${moved}), -1, c) * scale`, ", c=column_axis")(a);
};

/**
 * `delta_orthogonal(scale, column_axis=-1)` as JAX draws it: zeros but at the
 * center of the spatial axes (index (k - 1) // 2 of each), which holds an
 * orthogonal (in, out) matrix times `scale`, the last two axes' shape: the
 * matrix reshaped with a 1 for each spatial axis and padded around. JAX's
 * checks of the shape (3 to 5 axes, in <= out) are not made.
 */
const deltaOrthogonal: Lowering = (a) => {
  const column = a.get("column_axis");
  if (column !== undefined && !["-1", "1"].includes(printExpr(column))) {
    return "error: only `column_axis=-1` is supported";
  }
  const matrix = "ivy.random_orthogonal(key, shape[-2], shape[-1], dtype=dtype) * scale";
  const centered = `ivy.reshape(${matrix}, (1,) * (len(shape) - 2) + tuple(shape[-2:]))`;
  return initializer(`ivy.pad(${centered}, [((k - 1) // 2, k // 2) for k in shape[:-2]] + [(0, 0), (0, 0)])`)(a);
};

/** The fans' axes, which the variance-scaling lowering writes into the fans it computes. */
const AXES = ["in_axis", "out_axis", "batch_axis"];

/** The signature of the named variance-scaling initializers (`lecun_normal`, `he_uniform`, ...). */
const NAMED_SIG = "in_axis=-2, out_axis=-1, batch_axis=(), dtype=None";

/** A named variance-scaling initializer: its scale, mode and distribution, with checks of its statistics. */
function named(name: string, scale: string, mode: string, distribution: string) {
  const draw = `jax.nn.initializers.${name}()(jax.random.key(0), (50, 90))`;
  // fan_in 50, fan_out 90; the variance is scale / fan
  const fan = { fan_in: 50, fan_out: 90, fan_avg: 70 }[mode]!;
  const std = Math.sqrt(Number(scale) / fan);
  const bound = distribution === "uniform" ? Math.sqrt(3) * std : 2 * std / 0.87962566103423978;
  return {
    sig: NAMED_SIG,
    ivy: varianceScaling(scale, mode, distribution),
    ignored: AXES,
    returns: "callable" as const,
    checks: [
      `jnp.abs(jnp.std(${draw}) - ${std.toPrecision(6)}) < ${(0.03 * std).toPrecision(3)}`,
      `jnp.abs(jnp.mean(${draw})) < ${(0.03 * std).toPrecision(3)}`,
      `jnp.max(jnp.abs(${draw})) <= ${(bound * (1 + 1e-5)).toPrecision(6)}`,
      `jnp.asarray(${draw}.shape)`,
    ],
  };
}

/** The `jax.nn.initializers` table. */
export const initializersTable: ApiTable = {
  zeros: {
    sig: DIRECT,
    ivy: (a) => `ivy.zeros(shape, dtype=${floatDtype(a)})`,
    asValue: ZEROS,
    ignored: ["out_sharding"],
    checks: ["jax.nn.initializers.zeros(jax.random.key(0), (2, 3))"],
  },
  ones: {
    sig: DIRECT,
    ivy: (a) => `ivy.ones(shape, dtype=${floatDtype(a)})`,
    asValue: ONES,
    ignored: ["out_sharding"],
    checks: ["jax.nn.initializers.ones(jax.random.key(0), (3,), jnp.int32)"],
  },
  constant: {
    sig: "value, dtype=None",
    ivy: initializer("ivy.full(shape, value, dtype=dtype)"),
    returns: "callable",
    checks: [
      "jax.nn.initializers.constant(-7.0)(jax.random.key(0), (2, 3))",
      "jax.nn.initializers.constant(2, jnp.int32)(jax.random.key(0), (4,))",
    ],
  },
  normal: {
    sig: "stddev=1e-2, dtype=None",
    ivy: initializer("ivy.random_normal(key, shape, dtype=dtype) * stddev"),
    returns: "callable",
    checks: [
      "jnp.abs(jnp.std(jax.nn.initializers.normal(0.5)(jax.random.key(0), (20000,))) - 0.5) < 0.02",
      "jnp.asarray(jax.nn.initializers.normal()(jax.random.key(1), (2, 3)).shape)",
    ],
  },
  variance_scaling: {
    sig: "scale, mode, distribution, in_axis=-2, out_axis=-1, batch_axis=(), dtype=None",
    ivy: varianceScaling("scale"),
    // read by the lowering: the fans' axes
    ignored: AXES,
    returns: "callable",
    checks: [
      "jnp.abs(jnp.std(jax.nn.initializers.variance_scaling(3.0, 'fan_out', 'normal')(jax.random.key(0), " +
      "(3, 300, 200))) - 0.0707107) < 0.00212",
      "jnp.abs(jnp.std(jax.nn.initializers.variance_scaling(0.5, 'fan_geo_avg', 'truncated_normal')(" +
      "jax.random.key(1), (400, 100))) - 0.00353553) < 0.000106",
      "jnp.max(jnp.abs(jax.nn.initializers.variance_scaling(1.0, 'fan_avg', 'uniform')(jax.random.key(2), " +
      "(90, 70)))) <= 0.193651",
      "jnp.abs(jnp.std(jax.nn.initializers.variance_scaling(1.0, 'fan_avg', 'uniform')(jax.random.key(2), " +
      "(90, 70))) - 0.111803) < 0.00335",
      // Flax's Embed default: fan_in over (num_embeddings, features) with out_axis 0 is features (250)
      "jnp.abs(jnp.std(jax.nn.initializers.variance_scaling(1.0, 'fan_in', 'normal', out_axis=0)(" +
      "jax.random.key(3), (400, 250))) - 0.0632456) < 0.0019",
      // in (0, 1) of 6 * 5, out 2 of 40, batch 3 of 2, receptive field 50: fan_out 2000
      "jnp.abs(jnp.std(jax.nn.initializers.variance_scaling(2.0, 'fan_out', 'truncated_normal', " +
      "in_axis=(0, 1), out_axis=2, batch_axis=3)(jax.random.key(4), (6, 5, 40, 2, 50))) - 0.0316228) < 0.00095",
      // in -1 (100), out -2 (200), receptive field 3: fan_in 300, fan_out 600
      "jnp.abs(jnp.std(jax.nn.initializers.variance_scaling(1.0, 'fan_geo_avg', 'normal', in_axis=-1, " +
      "out_axis=-2)(jax.random.key(5), (3, 200, 100))) - 0.0485492) < 0.00146",
    ],
  },
  lecun_normal: named("lecun_normal", "1.0", "fan_in", "truncated_normal"),
  lecun_uniform: named("lecun_uniform", "1.0", "fan_in", "uniform"),
  he_normal: named("he_normal", "2.0", "fan_in", "truncated_normal"),
  he_uniform: named("he_uniform", "2.0", "fan_in", "uniform"),
  glorot_normal: named("glorot_normal", "1.0", "fan_avg", "truncated_normal"),
  glorot_uniform: named("glorot_uniform", "1.0", "fan_avg", "uniform"),
  kaiming_normal: { alias: "jax.nn.initializers.he_normal" },
  kaiming_uniform: { alias: "jax.nn.initializers.he_uniform" },
  xavier_normal: { alias: "jax.nn.initializers.glorot_normal" },
  xavier_uniform: { alias: "jax.nn.initializers.glorot_uniform" },
  truncated_normal: {
    sig: "stddev=1e-2, dtype=None, lower=-2.0, upper=2.0",
    ivy: initializer("ivy.random_truncated_normal(key, lower, upper, shape=shape, dtype=dtype) * stddev"),
    returns: "callable",
    checks: [
      "jnp.max(jax.nn.initializers.truncated_normal(0.5, lower=-1.0, upper=3.0)(jax.random.key(0), (20000,))) " +
      "<= 1.5",
      "jnp.min(jax.nn.initializers.truncated_normal(0.5, lower=-1.0, upper=3.0)(jax.random.key(0), (20000,))) " +
      ">= -0.5",
      "jnp.abs(jnp.std(jax.nn.initializers.truncated_normal(2.0)(jax.random.key(1), (20000,))) - 1.7592513) " +
      "< 0.0528",
    ],
  },
  orthogonal: {
    sig: "scale=1.0, column_axis=-1, dtype=None",
    ivy: orthogonal,
    returns: "callable",
    checks: [
      // orthonormal columns (a tall matrix) or rows (a wide one): every singular value is `scale`
      "jnp.linalg.svd(jax.nn.initializers.orthogonal()(jax.random.key(0), (6, 4)), compute_uv=False)",
      "jnp.linalg.svd(jax.nn.initializers.orthogonal(2.0)(jax.random.key(0), (3, 5)), compute_uv=False)",
      // a conv kernel (3, 4, 5) with column_axis 1: 4 orthonormal columns of 15 entries, times scale
      "jnp.linalg.svd(jnp.reshape(jnp.moveaxis(jax.nn.initializers.orthogonal(0.5, column_axis=1)(" +
      "jax.random.key(1), (3, 4, 5)), 1, -1), (15, 4)), compute_uv=False)",
      "jnp.asarray(jax.nn.initializers.orthogonal(column_axis=0)(jax.random.key(2), (4, 2, 3)).shape)",
    ],
    tolerance: { rtol: 1e-5, why: "a QR decomposition's rounding, in float32" },
  },
  delta_orthogonal: {
    sig: "scale=1.0, column_axis=-1, dtype=None",
    ivy: deltaOrthogonal,
    // of the (in, out) matrix: -1 and 1 are the same axis, which the lowering checks
    ignored: ["column_axis"],
    returns: "callable",
    checks: [
      // the center (1, 1) of a 3x3 kernel: an orthogonal (4, 6) matrix times scale
      "jnp.linalg.svd(jax.nn.initializers.delta_orthogonal(2.0)(jax.random.key(0), (3, 3, 4, 6))[1, 1], " +
      "compute_uv=False)",
      // every other spatial position is zero; the center (index 1 of 4) holds 2 orthonormal rows
      "jnp.sum(jax.nn.initializers.delta_orthogonal()(jax.random.key(1), (4, 2, 3)) ** 2, axis=(1, 2))",
      "jnp.sum(jax.nn.initializers.delta_orthogonal(column_axis=1)(jax.random.key(2), (2, 1, 3, 2, 2)) ** 2, " +
      "axis=(3, 4))",
    ],
    tolerance: { rtol: 1e-5, why: "a QR decomposition's rounding, in float32" },
  },
  uniform: {
    sig: "scale=1e-2, dtype=None",
    ivy: initializer("ivy.random_uniform(key, shape, dtype=dtype) * scale"),
    returns: "callable",
    checks: [
      "jnp.max(jax.nn.initializers.uniform(2.0)(jax.random.key(0), (5000,))) <= 2.0",
      "jnp.min(jax.nn.initializers.uniform(2.0)(jax.random.key(0), (5000,))) >= 0.0",
      "jnp.abs(jnp.mean(jax.nn.initializers.uniform(2.0)(jax.random.key(0), (20000,))) - 1.0) < 0.05",
    ],
  },
};

/** `flax.nnx.initializers`: jax's, and the factories `zeros_init()` / `ones_init()`. */
export const nnxInitializersTable: ApiTable = {
  zeros: { alias: "jax.nn.initializers.zeros" },
  ones: { alias: "jax.nn.initializers.ones" },
  constant: { alias: "jax.nn.initializers.constant" },
  normal: { alias: "jax.nn.initializers.normal" },
  uniform: { alias: "jax.nn.initializers.uniform" },
  ...Object.fromEntries(
    [
      "variance_scaling",
      "lecun_normal",
      "lecun_uniform",
      "he_normal",
      "he_uniform",
      "glorot_normal",
      "glorot_uniform",
      "kaiming_normal",
      "kaiming_uniform",
      "xavier_normal",
      "xavier_uniform",
      "truncated_normal",
      "orthogonal",
      "delta_orthogonal",
    ].map((n) => [n, { alias: `jax.nn.initializers.${n}` }]),
  ),
  zeros_init: {
    sig: "",
    ivy: ZEROS,
    returns: "callable",
    checks: ["nnx.initializers.zeros_init()(jax.random.key(0), (2,))"],
  },
  ones_init: {
    sig: "",
    ivy: ONES,
    returns: "callable",
    checks: ["nnx.initializers.ones_init()(jax.random.key(0), (2,))"],
  },
};
