/**
 * JAX's product (and quotient) of a bool array with a Python number: XLA
 * computes `b * c` of a bool `b` made float as a select, `b ? c : 0.0`, so
 * `False` gives 0.0 whatever `c` is (a negative number, -0.0, `math.inf`,
 * whose product with 0.0 is -0.0 or NaN on the targets), and `b / c` as
 * `b ? 1 / c : 0.0`. The promotion pass writes those products as the `where`
 * JAX computes. A bool array times a positive literal (`mask * 2.0`) keeps its
 * product. A float array times a bool array stays a product: XLA makes it a
 * select only where neither operand is broadcast (`NaN * False` is 0.0 then,
 * NaN under broadcasting, as in `x * mask[:, None]`), which the transpiler
 * cannot see; the multiply is the fast, idiomatic form (README "Known
 * differences").
 *
 * @module
 */
import * as A from "../../ast.ts";
import type { Analysis, Info } from "./analysis.ts";
import { isIntNumber } from "../../literals.ts";

const isBoolArray = (info: Info) => info?.array === true && info.dtype === "bool_";

/** A literal whose product with 0.0 (`/`: quotient of 0.0 by it) is 0.0: a positive number (`/`: nonzero). */
function keepsZero(e: A.Expr, op: "*" | "/"): boolean {
  return e.kind === "Constant" && typeof e.value === "number" && (op === "*" || e.value !== 0);
}

/** A Python number literal: a number, a negated one, or a `math` constant. */
function isLiteral(e: A.Expr): boolean {
  if (e.kind === "UnaryOp" && (e.op === "-" || e.op === "+")) return isLiteral(e.operand);
  if (e.kind === "Constant") return typeof e.value === "number";
  return A.dottedPath(e) === "math.inf" || A.dottedPath(e) === "math.nan";
}

const ZERO: A.Expr = { kind: "Constant", value: 0, raw: "0.0", loc: A.NO_LOC };
/**
 * `b ? value : 0.0`. TensorFlow gets its 0.0 as `zeros_like`: its eager cache of converted Python scalars keys
 * them by `==`, so a literal 0.0 may come back as an earlier -0.0.
 */
function where(b: A.Expr, value: A.Expr, loc: A.Loc, target: string): A.Expr {
  const zero = target === "tensorflow"
    ? A.call("ivy.zeros_like", [{ value: b }, { name: "dtype", value: A.dotted("ivy.float32", loc) }], loc)
    : ZERO;
  return A.call("ivy.where", [{ value: b }, { value }, { value: zero }], loc);
}

/**
 * `x * y` or `x / y` (`op`) of a bool array and a number literal as the select JAX computes; undefined where the
 * product is JAX's already, the other operand is no literal or a dtype is unknown.
 */
export function boolProduct(
  x: A.Expr,
  y: A.Expr,
  op: "*" | "/",
  analysis: Analysis,
  target: string,
  loc: A.Loc,
): A.Expr | undefined {
  const [l, r] = [analysis.info(x), analysis.info(y)];
  const [b, c] = isBoolArray(l) ? [x, y] : op === "*" && isBoolArray(r) ? [y, x] : [undefined, undefined];
  // a bool array times an int is an int product (no float zero to sign)
  if (!b || !c || !isLiteral(c) || keepsZero(c, op) || (op === "*" && isIntNumber(c))) return undefined;
  // `b` as float32 times (by) `c` where true: exactly `c` (`1 / c`), as JAX's weak float32 computes it
  const ones = A.call("ivy.astype", [{ value: b }, { value: A.dotted("ivy.float32", loc) }], loc);
  const value: A.Expr = { kind: "BinOp", op, left: ones, right: c, loc };
  return where(b, value, loc, target);
}

/**
 * `inner` of two bool arrays, which torch and TensorFlow do not contract: JAX's bool result (any product true) as
 * the int32 contraction's nonzeros. Undefined where an operand is not a known bool array.
 */
export function boolInner(x: A.Expr, y: A.Expr, analysis: Analysis, loc: A.Loc): A.Expr | undefined {
  if (!isBoolArray(analysis.info(x)) || !isBoolArray(analysis.info(y))) return undefined;
  const int32 = (e: A.Expr) => A.call("ivy.astype", [{ value: e }, { value: A.dotted("ivy.int32", loc) }], loc);
  const inner = A.call("ivy.inner", [{ value: int32(x) }, { value: int32(y) }], loc);
  return A.call("ivy.not_equal", [{ value: inner }, { value: A.constant(0) }], loc);
}

/**
 * `fmod` of two bool arrays: JAX divides their int32 values as XLA does, where `x % 0` is `x` (it replaces a zero
 * divisor by 1 for integer dtypes only), so the result is `x and not y` as int32. Undefined for anything else.
 */
export function boolFmod(node: A.Call, analysis: Analysis): A.Expr | undefined {
  if (node.args.length !== 2 || node.args.some((a) => a.name || a.star)) return undefined;
  const [x, y] = node.args.map((a) => a.value);
  if (!isBoolArray(analysis.info(x)) || !isBoolArray(analysis.info(y))) return undefined;
  const loc = node.loc;
  const kept = A.call(
    "ivy.logical_and",
    [{ value: x }, { value: A.call("ivy.logical_not", [{ value: y }], loc) }],
    loc,
  );
  return A.call("ivy.astype", [{ value: kept }, { value: A.dotted("ivy.int32", loc) }], loc);
}
