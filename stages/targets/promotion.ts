/**
 * JAX's dtype promotion and indexing, made explicit in the ivy IR where a
 * target's own rules would give another result. Operators stay operators
 * (`a + b`); only an operand gets a cast, and only where the analysis
 * (`promotion/analysis.ts`) knows both operands' dtype categories and the
 * target's rule differs from JAX's:
 *
 * - JAX: a Python scalar is weak: `f32_array * 2.0` is float32, an int32
 *   array with `1.5` is float32 (not NumPy's float64, TensorFlow's error),
 *   a bool array with `1` is int32 (not torch's/NumPy's int64);
 * - JAX: arrays promote on bool < int32 < float32: float32 + int32 is
 *   float32 (NumPy: float64; TensorFlow: an error);
 * - JAX: `/` of integers is float32 (NumPy and TensorFlow: float64);
 * - TensorFlow: comparisons across dtypes are an error: operands are cast to
 *   the dtype JAX compares in; `x[i]` with an integer-array index is written
 *   with the `getitem` helper, since `tf.Tensor` only takes basic indices.
 *
 * Where a dtype is unknown the operator is left as written.
 *
 * It also rewrites `a op= b` on an array name to `a = a op b`: JAX arrays are
 * immutable, whereas NumPy and torch would update the array in place (and
 * every alias of it).
 *
 * @module
 */
import * as A from "../ast.ts";
import type { CoreDtype } from "../ivy/ops.ts";
import {
  Analysis,
  argument,
  categoryOf,
  collectBindings,
  coreOp,
  dataclassFields,
  type Info,
  promote,
  Scope,
  variableValues,
} from "./promotion/analysis.ts";
import { CallSites } from "./promotion/calls.ts";
import { boolFmod, boolInner, boolProduct } from "./promotion/bool_products.ts";
import { hasFloatResult } from "../ivy/results.ts";
import { NUMPY_BINARY_MODES } from "../ivy/numpy_ops.ts";
import { classRoles } from "../../stateful/classes.ts";
import { mapExpr } from "../walk.ts";
import { isIntNumber, isZero, zeroLiteralSign } from "../literals.ts";

/** The targets whose rules this module knows. */
export type PromotionTarget = "torch" | "tensorflow" | "numpy";

/** True when `side`, an array of a known dtype, must be cast to `to` for the target to compute what JAX does. */
function needsCast(target: PromotionTarget, side: Info, other: Info, to: CoreDtype, mode: Mode): boolean {
  if (!side?.array || !side.dtype || side.dtype === to) return false;
  // TensorFlow never promotes; torch's matmul does not either.
  if (target === "tensorflow" || (target === "torch" && mode === "matmul") || mode === "promoted") return true;
  if (mode === "compare") return false;
  // torch has no `-` of a bool tensor, whatever the other operand
  if (target === "torch" && mode === "subtract" && side.dtype === "bool_") return true;
  const otherIsArray = other?.array === true;
  // torch's max/min with 0 (`threshold`) keeps an int array's dtype, where JAX's with a float 0.0 is float
  if (target === "torch" && mode === "extremum" && !otherIsArray) return categoryOf(side.dtype) !== categoryOf(to);
  if (target === "numpy") {
    // NumPy keeps a bool array's dtype against an int array, but divides two bools in float16 (arctan2)
    const keptBool = side.dtype === "bool_" && otherIsArray && mode !== "divide";
    return categoryOf(side.dtype) !== categoryOf(to) && !keptBool;
  }
  return side.dtype === "bool_" && categoryOf(to) === "int" && !otherIsArray;
}

/** How an operation uses its two promoted operands (`numeric`, `promoted`: see `BinaryMode`). */
type Mode = "arith" | "extremum" | "subtract" | "divide" | "numeric" | "promoted" | "compare" | "matmul";

/** Core ops taking two operands `x`, `y` that JAX promotes together. */
const BINARY_CALLS: Readonly<Record<string, Mode>> = {
  add: "arith",
  subtract: "subtract",
  multiply: "arith",
  power: "numeric",
  divide: "divide",
  maximum: "extremum",
  minimum: "extremum",
  arctan2: "divide",
  outer: "arith",
  matmul: "matmul",
  dot: "matmul",
  equal: "compare",
  not_equal: "compare",
  less: "compare",
  less_equal: "compare",
  greater: "compare",
  greater_equal: "compare",
  ...NUMPY_BINARY_MODES,
};

/** Core ops whose integer edges a target writes apart, told by an `integers=True` argument (`integer_arithmetic.ts`). */
const INTEGER_EDGES = new Set(["floor_divide", "remainder", "fmod", "power"]);

/** Creation ops whose `dtype=` can take a cast's dtype directly. */
const RETYPABLE = new Set(["zeros", "ones", "full", "arange"]);

/** `e` cast to `dtype` in the ivy IR; a creation op's own `dtype=` is changed instead. */
function cast(e: A.Expr, dtype: CoreDtype): A.Expr {
  const op = coreOp(e);
  const dtypeArg = e.kind === "Call" ? e.args.findIndex((a) => a.name === "dtype") : -1;
  if (e.kind === "Call" && op && RETYPABLE.has(op) && dtypeArg >= 0) {
    const args = e.args.map((a, k) => (k === dtypeArg ? { ...a, value: A.dotted(`ivy.${dtype}`, a.value.loc) } : a));
    return { ...e, args };
  }
  return A.call("ivy.astype", [{ value: e }, { value: A.dotted(`ivy.${dtype}`, e.loc) }], e.loc);
}

const isBool = (info: Info) => info?.array === true && info.dtype === "bool_";
const isNamedArray = (e: A.Expr, info: Info) => e.kind === "Name" && info?.array === true && !info.dtype;

/** `e` cast to the dtype of the array `like` names. */
function castLike(e: A.Expr, like: A.Expr): A.Expr {
  return A.call("ivy.astype", [{ value: e }, { value: A.call("ivy.dtype", [{ value: like }], e.loc) }], e.loc);
}

/** True for an index item that is an integer array (or may be one), which basic indexing does not take. */
function isArrayIndex(e: A.Expr, analysis: Analysis): boolean {
  if (e.kind === "Slice" || e.kind === "Constant" || e.kind === "UnaryOp" && e.operand.kind === "Constant") {
    return false;
  }
  return analysis.info(e)?.array === true;
}

/**
 * `len(x)` of one array `x`: one whose dtype is known, or a method's
 * parameter taken for an array (a plain function's unannotated parameter may
 * be a list as well, and keeps `len`).
 */
function isLenOfArray(node: A.Call, analysis: Analysis): boolean {
  const [only] = node.args;
  if (node.func.kind !== "Name" || node.func.id !== "len" || node.args.length !== 1 || only.name || only.star) {
    return false;
  }
  const info = analysis.info(only.value);
  return info?.array === true && (info.dtype !== undefined || analysis.scope.method);
}

/** Rewrites one expression of a scope, bottom-up; lambdas and comprehensions bind names of their own and are kept. */
function rewriteExpr(e: A.Expr, analysis: Analysis, target: PromotionTarget): A.Expr {
  return mapExpr(
    e,
    (node) => rewriteNode(node, analysis, target),
    (node) => (node.kind === "Lambda" || node.kind === "Comprehension" ? node : undefined),
  );
}

function castPair(
  pair: [A.Expr, A.Expr],
  analysis: Analysis,
  target: PromotionTarget,
  mode: Mode,
): [A.Expr, A.Expr] {
  const [l, r] = pair.map((x) => analysis.info(x));
  let to = promote(l, r);
  if (!to && target === "tensorflow") {
    // A bool mask with an array of unknown dtype (`mask * y`): the mask takes the array's dtype.
    if (isBool(l) && isNamedArray(pair[1], r)) return [castLike(pair[0], pair[1]), pair[1]];
    if (isBool(r) && isNamedArray(pair[0], l)) return [pair[0], castLike(pair[1], pair[0])];
  }
  if (!to) return pair;
  if (mode === "divide" && categoryOf(to) !== "float") to = "float32";
  // JAX's integer ops compute two bools as int32, which no target does by itself
  const boolPair = mode === "numeric" && to === "bool_";
  if (boolPair) to = "int32";
  const result = to;
  const side = (e: A.Expr, info: Info, other: Info): A.Expr => {
    // JAX's integer ops compute a bool as int32 (torch would give an int32 and a bool's `where` int64)
    if (mode === "numeric" && isBool(info) && categoryOf(result) === "int") return cast(e, result);
    if (needsCast(target, info, other, result, mode)) return cast(e, result);
    // JAX's result is known whatever this operand's dtype (`ints * f32` is float32): the dtype the module's
    // call sites pass it decides whether to cast, and the cast is right for any other dtype too
    if (!info?.array || info.dtype || !analysis.hinted) return e;
    const passed = analysis.hinted.info(e);
    return passed?.array && passed.dtype && needsCast(target, passed, other, result, mode) ? cast(e, result) : e;
  };
  return [side(pair[0], l, r), side(pair[1], r, l)];
}

/**
 * torch: the literal `0.0` in a max with an array whose dtype the analysis knows (float, or cast to float by
 * `castPair`) written `0`, which gives the same float result there. The row writes a max with `0` as `threshold`,
 * at relu's speed, and one with `0.0` as a max that also promotes an int array of unknown dtype to float, as JAX.
 */
function intZero(original: [A.Expr, A.Expr], pair: [A.Expr, A.Expr], analysis: Analysis): [A.Expr, A.Expr] {
  const isFloatZero = (e: A.Expr) => zeroLiteralSign(e) === "+" && !isIntNumber(e);
  const isKnown = (e: A.Expr) => {
    const info = analysis.info(e);
    return info?.array === true && info.dtype !== undefined;
  };
  if (isFloatZero(original[1]) && isKnown(original[0])) return [pair[0], A.constant(0, original[1].loc)];
  if (isFloatZero(original[0]) && isKnown(original[1])) return [A.constant(0, original[0].loc), pair[1]];
  return pair;
}

/** Operators on integers whose edges (a zero divisor, a negative exponent) the targets compute apart from JAX. */
const INTEGER_OPERATORS: Readonly<Record<string, string>> = { "//": "floor_divide", "%": "remainder", "**": "power" };

/**
 * `i // j`, `i % j`, `i ** j` of operands known to be ints or bools (one an array) as the core op, so that its
 * integer edge rows apply (`integer_arithmetic.ts`); undefined where no edge can occur (`i // 2`, `i ** 3`) or a
 * dtype is unknown.
 */
function integerOperatorCall(node: A.BinOp, analysis: Analysis): A.Call | undefined {
  const op = INTEGER_OPERATORS[node.op];
  if (!op || (isIntNumber(node.right) && (op === "power" || !isZero(node.right)))) return undefined;
  const [l, r] = [analysis.info(node.left), analysis.info(node.right)];
  if (!isNonFloat(l) || !isNonFloat(r) || (l?.array !== true && r?.array !== true)) return undefined;
  return A.call(`ivy.${op}`, [{ value: node.left }, { value: node.right }], node.loc);
}

function rewriteNode(node: A.Expr, analysis: Analysis, target: PromotionTarget): A.Expr {
  switch (node.kind) {
    case "BinOp": {
      const integerCall = integerOperatorCall(node, analysis);
      if (integerCall) return rewriteCall(integerCall, analysis, target);
      const logical = target === "tensorflow" && TF_BOOL_OPERATORS[node.op];
      if (logical && isBool(analysis.info(node.left)) && isBool(analysis.info(node.right))) {
        return A.call(`ivy.${logical}`, [{ value: node.left }, { value: node.right }], node.loc);
      }
      const product = (node.op === "*" || node.op === "/") &&
        boolProduct(node.left, node.right, node.op, analysis, target, node.loc);
      if (product) return product;
      const mode = node.op === "/" ? "divide" : node.op === "@" ? "matmul" : node.op === "-" ? "subtract" : "arith";
      const [left, right] = castPair([node.left, node.right], analysis, target, mode);
      return left === node.left && right === node.right ? node : { ...node, left, right };
    }
    case "Compare": {
      if (target !== "tensorflow" || node.comparators.length !== 1) return node;
      const [left, right] = castPair([node.left, node.comparators[0]], analysis, target, "compare");
      return left === node.left && right === node.comparators[0] ? node : { ...node, left, comparators: [right] };
    }
    case "Call":
      return rewriteCall(node, analysis, target);
    case "Subscript": {
      if (target !== "tensorflow" || A.dottedPath(node.value) === "ivy.index") return node;
      if (analysis.info(node.value)?.array !== true) return node;
      const items = node.index.kind === "Tuple" ? node.index.elts : [node.index];
      if (!items.some((item) => isArrayIndex(item, analysis))) return node;
      const index: A.Expr = {
        kind: "Subscript",
        value: A.dotted("ivy.index", node.loc),
        index: node.index,
        loc: node.loc,
      };
      return A.call("ivy.at_get", [{ value: node.value }, { value: index }], node.loc);
    }
    default:
      return node;
  }
}

/**
 * An op whose JAX result is float32 for a bool or int argument (`jnp.mean(mask)`,
 * `jnp.exp(ints)`): that argument is cast to float32 first, where the analysis
 * knows its dtype, since torch and TensorFlow reject it and NumPy gives float64.
 */
function castToFloat(node: A.Call, analysis: Analysis): A.Call {
  const first = node.args[0];
  if (!first || first.name || first.star) return node;
  const info = analysis.info(first.value);
  if (!info?.array || !info.dtype || categoryOf(info.dtype) === "float") return node;
  return { ...node, args: [{ value: cast(first.value, "float32") }, ...node.args.slice(1)] };
}

/** Core ops whose JAX result is int32 for a bool or int32 argument: torch and NumPy give int64, TensorFlow rejects bool. */
const INT_ACCUMULATING = new Set(["sum", "prod", "cumsum", "cumprod", "nansum", "nanprod"]);
/** A bool array's `max` and `min` are `any` and `all` (TensorFlow's reduce_max rejects bool). */
const BOOL_EXTREMA: Readonly<Record<string, string>> = { max: "ivy.any", min: "ivy.all" };

/**
 * A reduction of a bool or int32 array whose target result dtype is not
 * JAX's: `sum`/`prod`/`cumsum`/`cumprod` are int32 in JAX (torch and NumPy
 * accumulate in int64: the result is cast; TensorFlow sums no bools: the
 * argument is cast); `max`/`min` of bools are `any`/`all`. Undefined where
 * nothing changes or the argument's dtype is unknown.
 */
function reduceLikeJax(node: A.Call, op: string, analysis: Analysis, target: PromotionTarget): A.Expr | undefined {
  const first = node.args[0];
  if (!first || first.name || first.star) return undefined;
  const dtype = (analysis.info(first.value) as { dtype?: CoreDtype } | undefined)?.dtype;
  if (dtype !== "bool_" && dtype !== "int32") return undefined;
  if (op in BOOL_EXTREMA) {
    return dtype === "bool_" ? { ...node, func: A.dotted(BOOL_EXTREMA[op], node.func.loc) } : undefined;
  }
  if (!INT_ACCUMULATING.has(op)) return undefined;
  if (target !== "tensorflow") return cast(node, "int32");
  if (dtype !== "bool_") return undefined;
  return { ...node, args: [{ value: cast(first.value, "int32") }, ...node.args.slice(1)] };
}

/** Core ops that read their arguments as truth values: JAX casts them to bool, TensorFlow takes bools only. */
const LOGICAL = new Set(["logical_and", "logical_or", "logical_xor", "logical_not", "all", "any"]);

/** The truth value of a Python number or bool literal (`-3`, `0.0`, `True`); undefined for anything else. */
function literalTruth(e: A.Expr): boolean | undefined {
  if (e.kind === "UnaryOp" && (e.op === "-" || e.op === "+")) return literalTruth(e.operand);
  if (e.kind !== "Constant" || e.isString) return undefined;
  return typeof e.value === "number" || typeof e.value === "boolean" ? Boolean(e.value) : undefined;
}

/**
 * A binary logical op with one Python number (`jnp.logical_and(x, 2)`),
 * which torch's logical ops do not take (tensors only) and TensorFlow's not
 * either: the number is a known truth value, so the op is the other
 * operand's truth (`x` as bool), its negation, or a constant array.
 */
function logicalWithLiteral(node: A.Call, op: string, analysis: Analysis): A.Expr | undefined {
  if (op !== "logical_and" && op !== "logical_or" && op !== "logical_xor") return undefined;
  if (node.args.length !== 2 || node.args.some((a) => a.name || a.star)) return undefined;
  const [a, b] = node.args.map((x) => x.value);
  const [truth, other] = literalTruth(b) !== undefined ? [literalTruth(b), a] : [literalTruth(a), b];
  // two Python values (`jnp.logical_and(flag, 1)`) are left as written
  if (truth === undefined || literalTruth(other) !== undefined || analysis.info(other)?.array === false) {
    return undefined;
  }
  const asBool = isBool(analysis.info(other)) ? other : cast(other, "bool_");
  const bools = (fill: "ones_like" | "zeros_like") =>
    A.call(`ivy.${fill}`, [{ value: other }, { name: "dtype", value: A.dotted("ivy.bool_", node.loc) }], node.loc);
  if (op === "logical_and") return truth ? asBool : bools("zeros_like");
  if (op === "logical_or") return truth ? bools("ones_like") : asBool;
  return truth ? A.call("ivy.logical_not", [{ value: asBool }], node.loc) : asBool;
}

/**
 * A logical op's positional arguments not known to be bools (a known non-bool dtype, or an array of a dtype the
 * analysis does not know), cast to bool for TensorFlow, whose logical ops take bools only; Python values are kept.
 */
function logicalArgs(node: A.Call, analysis: Analysis): A.Call {
  const args = node.args.map((a) => {
    if (a.name || a.star) return a;
    const info = analysis.info(a.value);
    return info?.array !== false && info?.dtype !== "bool_" ? { value: cast(a.value, "bool_") } : a;
  });
  return args.every((a, k) => a === node.args[k]) ? node : { ...node, args };
}

/** Unary core ops that give back a bool or int argument unchanged in JAX (`jnp.floor(ints)` is `ints`). */
const SAME_FOR_INTS = new Set(["floor", "ceil", "trunc"]);
/** Unary core ops that give back a bool argument unchanged in JAX (torch and TensorFlow reject bool). */
const SAME_FOR_BOOLS = new Set([...SAME_FOR_INTS, "abs", "positive"]);
/** Unary core ops whose JAX result is int32 for a bool argument (torch/TensorFlow reject it, NumPy gives int8 or int64). */
const INT_FOR_BOOLS = new Set(["square", "relu", "hard_tanh"]);

/** Tests of a float's class, by their result for any bool or int element (TensorFlow takes no int tensor). */
const FLOAT_CLASS_TESTS: Readonly<Record<string, boolean>> = {
  isnan: false,
  isinf: false,
  isposinf: false,
  isneginf: false,
  isfinite: true,
};

/** A unary op of a bool or int argument written as JAX computes it; undefined where nothing changes. */
function unaryLikeJax(node: A.Call, op: string, analysis: Analysis, target: PromotionTarget): A.Expr | undefined {
  const [first] = node.args;
  if (!first || first.name || first.star || node.args.length !== 1) return undefined;
  const dtype = (analysis.info(first.value) as { dtype?: CoreDtype } | undefined)?.dtype;
  if (!dtype || categoryOf(dtype) === "float") return undefined;
  if (SAME_FOR_INTS.has(op) || (dtype === "bool_" && SAME_FOR_BOOLS.has(op))) return first.value;
  if (op in FLOAT_CLASS_TESTS) {
    const fill = FLOAT_CLASS_TESTS[op] ? "ivy.ones_like" : "ivy.zeros_like";
    return A.call(fill, [first, { name: "dtype", value: A.dotted("ivy.bool_", node.loc) }], node.loc);
  }
  if (dtype === "bool_" && INT_FOR_BOOLS.has(op)) return { ...node, args: [{ value: cast(first.value, "int32") }] };
  // TensorFlow's bitwise ops take no bool tensors
  if (dtype === "bool_" && op === "invert" && target === "tensorflow") {
    return { ...node, func: A.dotted("ivy.logical_not", node.func.loc) };
  }
  return undefined;
}

/** NaN-ignoring extrema, by the op they are for operands that hold no NaN. */
const NAN_IGNORING: Readonly<Record<string, string>> = { fmax: "maximum", fmin: "minimum" };
/** NaN-skipping reductions, by the reduction they are for an argument that holds no NaN (a bool or int array). */
const NAN_SKIPPING: Readonly<Record<string, string>> = {
  nansum: "sum",
  nanprod: "prod",
  nanmean: "mean",
  nanmax: "max",
  nanmin: "min",
};

/** True for a value known to be a bool or int (array or Python scalar). */
function isNonFloat(info: Info): boolean {
  if (info?.array === true) return info.dtype !== undefined && categoryOf(info.dtype) !== "float";
  return info?.array === false && info.category !== undefined && info.category !== "float";
}

/** True for a call of two positional operands, each known to be a bool or int. */
function bothNonFloat(node: A.Call, analysis: Analysis): boolean {
  return node.args.length === 2 && node.args.every((a) => !a.name && !a.star && isNonFloat(analysis.info(a.value)));
}

/** TensorFlow: ops on two bool tensors that it rejects, as the logical op JAX computes (`bool + bool` is `or`). */
const TF_BOOL_PAIRS: Readonly<Record<string, string>> = {
  add: "logical_or",
  multiply: "logical_and",
  maximum: "logical_or",
  minimum: "logical_and",
  bitwise_and: "logical_and",
  bitwise_or: "logical_or",
  bitwise_xor: "not_equal",
};
/** TensorFlow: operators it rejects on two bool tensors, as the logical op JAX computes. */
const TF_BOOL_OPERATORS: Readonly<Record<string, string>> = { "+": "logical_or", "*": "logical_and" };
/** TensorFlow orders no bool tensors: both operands of these are compared as int32. */
const TF_ORDERINGS = new Set(["less", "less_equal", "greater", "greater_equal"]);

/** A TensorFlow op on two bool arrays written with ops TF takes; undefined where nothing changes. */
function tfBoolPair(node: A.Call, op: string, analysis: Analysis): A.Expr | undefined {
  if (!(op in TF_BOOL_PAIRS) && !TF_ORDERINGS.has(op)) return undefined;
  const positional = node.args.filter((a) => !a.name && !a.star);
  if (node.args.length !== 2 || positional.length !== 2) return undefined;
  if (!positional.every((a) => isBool(analysis.info(a.value)))) return undefined;
  if (op in TF_BOOL_PAIRS) return { ...node, func: A.dotted(`ivy.${TF_BOOL_PAIRS[op]}`, node.func.loc) };
  return { ...node, args: positional.map((a) => ({ value: cast(a.value, "int32") })) };
}

/** Products that are `x * c` for a Python number `c` (torch's take tensors only, NumPy's give float64). */
const PRODUCTS = new Set(["kron", "inner"]);

/** `jnp.kron(x, 2)` / `jnp.inner(x, 2)` as `x * 2`, promoted as JAX does; undefined for anything else. */
function productWithLiteral(node: A.Call, op: string, analysis: Analysis, target: PromotionTarget): A.Expr | undefined {
  if (!PRODUCTS.has(op) || node.args.length !== 2 || node.args.some((a) => a.name || a.star)) return undefined;
  const [a, b] = node.args.map((x) => x.value);
  const literal = (e: A.Expr) =>
    literalTruth(e) !== undefined && !(e.kind === "Constant" && typeof e.value === "boolean");
  if (literal(a) === literal(b)) return undefined;
  const product: A.Expr = { kind: "BinOp", op: "*", left: a, right: b, loc: node.loc };
  return rewriteNode(product, analysis, target);
}

function rewriteCall(node: A.Call, analysis: Analysis, target: PromotionTarget): A.Expr {
  if (target === "tensorflow" && isLenOfArray(node, analysis)) {
    // `len(x)` of an array is its first dimension; a graph tensor (`tf.function`) has no `len()`
    const value = node.args[0].value;
    return {
      kind: "Subscript",
      value: A.call("ivy.shape", [{ value }], node.loc),
      index: A.constant(0),
      loc: node.loc,
    };
  }
  const op = coreOp(node);
  const product = op && productWithLiteral(node, op, analysis, target);
  if (product) return product;
  const folded = op && logicalWithLiteral(node, op, analysis);
  if (folded) return folded;
  if (op && LOGICAL.has(op) && target === "tensorflow") return logicalArgs(node, analysis);
  const unary = op && unaryLikeJax(node, op, analysis, target);
  if (unary) return unary;
  if (target === "tensorflow" && op && op in NAN_IGNORING && bothNonFloat(node, analysis)) {
    // no NaN to ignore: the plain extremum, which TensorFlow takes for ints (its fmax helper does not)
    return rewriteCall({ ...node, func: A.dotted(`ivy.${NAN_IGNORING[op]}`, node.func.loc) }, analysis, target);
  }
  const first = node.args[0];
  if (op && op in NAN_SKIPPING && first && !first.name && !first.star && isNonFloat(analysis.info(first.value))) {
    // a bool or int array holds no NaN: the plain reduction, with its own int32 and bool rules
    // (the NaN-skipping helpers would negate INT32_MIN, tnp's would call `.astype`)
    return rewriteCall({ ...node, func: A.dotted(`ivy.${NAN_SKIPPING[op]}`, node.func.loc) }, analysis, target);
  }
  if ((op === "multiply" || op === "divide") && node.args.length === 2 && !node.args.some((a) => a.name || a.star)) {
    const [x, y] = node.args.map((a) => a.value);
    const product = boolProduct(x, y, op === "multiply" ? "*" : "/", analysis, target, node.loc);
    if (product) return product;
  }
  const fmod = op === "fmod" && boolFmod(node, analysis);
  if (fmod) return fmod;
  if (op === "inner" && target !== "numpy" && node.args.length === 2 && !node.args.some((a) => a.name || a.star)) {
    const inner = boolInner(node.args[0].value, node.args[1].value, analysis, node.loc);
    if (inner) return inner;
  }
  const boolPair = op && target === "tensorflow" && tfBoolPair(node, op, analysis);
  if (boolPair) return boolPair;
  const reduced = op && reduceLikeJax(node, op, analysis, target);
  if (reduced) return reduced;
  if (op === "astype" && node.args.length === 2 && !node.args.some((a) => a.star)) {
    // `jnp.argmax(x).astype(jnp.int32)`: a cast to the dtype the value has already is the value
    const value = argument(node, 0, "x");
    const info = value && analysis.info(value);
    const dtype = argument(node, 1, "dtype");
    if (info?.array && info.dtype && dtype && A.dottedPath(dtype) === `ivy.${info.dtype}`) return value!;
  }
  if (op === "full" && argument(node, 2, "dtype") === undefined) {
    // JAX's dtype of the fill value, made explicit where the analysis knows it.
    const dtype = (analysis.info(node) as { dtype?: CoreDtype } | undefined)?.dtype;
    if (dtype) return { ...node, args: [...node.args, { name: "dtype", value: A.dotted(`ivy.${dtype}`, node.loc) }] };
    return node;
  }
  if (op === "repeat" && argument(node, 3, "int_repeats") === undefined) {
    // a count the analysis knows is a Python int: a static size for torch.compile / torch.export
    const repeats = argument(node, 1, "repeats");
    const info = repeats && analysis.info(repeats);
    if (info && !info.array && info.category === "int") {
      return { ...node, args: [...node.args, { name: "int_repeats", value: A.constant(true) }] };
    }
    return node;
  }
  if (op === "clip") return clipLikeJax(node, analysis);
  if (op && hasFloatResult(op)) return castToFloat(node, analysis);
  const mode = op === "where" ? "arith" : op && BINARY_CALLS[op];
  if (!mode) return node;
  const at = op === "where" ? 1 : 0;
  const positional = node.args.filter((a) => !a.name && !a.star);
  if (node.args.length !== positional.length || positional.length < at + 2) return node;
  const original: [A.Expr, A.Expr] = [positional[at].value, positional[at + 1].value];
  const cast = castPair(original, analysis, target, mode);
  const pair = target === "torch" && op === "maximum" ? intZero(original, cast, analysis) : cast;
  const args = node.args.map((a, k) => (k === at ? { value: pair[0] } : k === at + 1 ? { value: pair[1] } : a));
  if (INTEGER_EDGES.has(op!) && bothNonFloat(node, analysis)) {
    args.push({ name: "integers", value: A.constant(true) });
  } else if (pair[0] === original[0] && pair[1] === original[1]) {
    return node;
  }
  return { ...node, args };
}

/**
 * `jnp.clip` of a bool or int array between float bounds (`jnp.clip(i, 0.5, 2.5)`) is float32 in JAX, as its
 * `maximum` and `minimum` promote: the array is cast first (NumPy's clip would give float64, TensorFlow's reject it).
 */
function clipLikeJax(node: A.Call, analysis: Analysis): A.Call {
  const x = argument(node, 0, "x");
  const info = x && analysis.info(x);
  if (!info?.array || !info.dtype || categoryOf(info.dtype) === "float") return node;
  const bounds = [argument(node, 1, "min"), argument(node, 2, "max")].flatMap((b) => (b ? [analysis.info(b)] : []));
  const to = bounds.map((b) => promote(info, b)).find((d) => d && categoryOf(d) === "float");
  if (!to) return node;
  return { ...node, args: node.args.map((a) => (a.value === x ? { ...a, value: cast(x!, to) } : a)) };
}

/** What the rewrite of every block of a module knows. */
interface Context {
  readonly target: PromotionTarget;
  /** The scope of a class (its Variable values), computed once per class. */
  readonly classScope: (cls: A.ClassDef, parent: Scope) => Scope;
  /** The module's own calls: what they pass and give, and each function's analysis. */
  readonly calls: CallSites;
}

/**
 * Rewrites one block of statements of a scope, by its analysis (names bound;
 * `analysis.hinted` the same scope's with the call sites' parameter values).
 */
function rewriteBlock(body: readonly A.Stmt[], analysis: Analysis, ctx: Context, inClass: boolean): A.Stmt[] {
  const target = ctx.target;
  const scope = analysis.scope;
  const ex = (e: A.Expr) => rewriteExpr(e, analysis, target);
  const exo = (e?: A.Expr) => (e ? ex(e) : undefined);
  const block = (b: readonly A.Stmt[]) => b.map(stmt);
  function stmt(s: A.Stmt): A.Stmt {
    switch (s.kind) {
      case "FunctionDef":
        return rewriteFunction(s, analysis, ctx, inClass);
      case "ClassDef": {
        const classScope = ctx.classScope(s, scope);
        return { ...s, body: rewriteBlock(s.body, new Analysis(classScope), ctx, true) };
      }
      case "Assign":
        return { ...s, value: exo(s.value) };
      case "AugAssign": {
        if (s.target.kind !== "Name" || analysis.info(s.target)?.array !== true) return { ...s, value: ex(s.value) };
        const value: A.Expr = { kind: "BinOp", op: s.op, left: s.target, right: s.value, loc: s.loc };
        return { kind: "Assign", targets: [s.target], value: ex(value), loc: s.loc, comments: s.comments };
      }
      case "Return":
        return { ...s, value: exo(s.value) };
      case "ExprStmt":
        return { ...s, value: ex(s.value) };
      case "If":
        return { ...s, test: ex(s.test), body: block(s.body), orelse: block(s.orelse) };
      case "For":
        return { ...s, iter: ex(s.iter), body: block(s.body) };
      case "While":
        return { ...s, test: ex(s.test), body: block(s.body) };
      case "With":
        return { ...s, items: s.items.map((item) => ({ ...item, context: ex(item.context) })), body: block(s.body) };
      default:
        return s;
    }
  }
  return block(body);
}

function rewriteFunction(f: A.FunctionDef, outer: Analysis, ctx: Context, isMethod: boolean): A.FunctionDef {
  let analysis = ctx.calls.analysis(f);
  if (!analysis) {
    // not seen by the call-site analysis: as without hints
    analysis = new Analysis(ctx.calls.scope(f, outer.scope, isMethod, false));
    collectBindings(f.body, analysis);
  }
  return { ...f, body: rewriteBlock(f.body, analysis, ctx, false) };
}

/**
 * Makes JAX's promotion and indexing explicit for one target.
 *
 * @param module The ivy IR.
 * @param target The target whose rules to match JAX's.
 * @returns The ivy IR with casts (`ivy.astype`) where the target would
 *   promote differently, and integer-array indexing as `ivy.at_get` where the
 *   target has no such indexing.
 * @example Cast an int32 array that meets a Python float, for NumPy
 * ```ts
 * promoteLikeJax(parse("y = ivy.arange(3, dtype=ivy.int32) + 1.5\n").ir, "numpy");
 * // y = ivy.arange(3, dtype=ivy.float32) + 1.5
 * ```
 */
export function promoteLikeJax(module: A.Module, target: PromotionTarget): A.Module {
  const variableClasses = new Set<string>();
  for (const [name, role] of classRoles(module.body)) if (role.role === "variable") variableClasses.add(name);
  const scope = new Scope();
  scope.dataclasses = dataclassFields(module.body);
  collectBindings(module.body, new Analysis(scope));
  const classScopes = new Map<A.ClassDef, Scope>();
  const classScope = (cls: A.ClassDef, parent: Scope) => {
    if (!classScopes.has(cls)) classScopes.set(cls, variableValues(cls, parent, variableClasses));
    return classScopes.get(cls)!;
  };
  const calls = new CallSites(module.body, scope, (cls) => classScope(cls, scope));
  return { ...module, body: rewriteBlock(module.body, new Analysis(scope), { target, classScope, calls }, false) };
}
