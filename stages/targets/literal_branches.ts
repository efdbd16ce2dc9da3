/**
 * `jnp.where` of two Python literals: JAX's result is float32 (a float among
 * them) or int32 (ints and bools), where NumPy's `np.where` gives float64 or
 * int64, torch's an int64 for ints, and TensorFlow's `tf.where` rejects two
 * kinds. One branch is written as a scalar of JAX's dtype (`np.float32(1.0)`),
 * which the other, still a Python number, follows: no pass over the result.
 *
 * @module
 */
import { dottedPath, type Expr } from "../ast.ts";
import { MATH_FLOATS } from "./promotion/analysis.ts";
import { isIntNumber, isNumber } from "../literals.ts";
import type { EmitFn } from "./emitter.ts";

/** A `where` branch's literal kind; undefined for anything but a number or bool literal (or `math.inf`, `math.pi`). */
function literalKind(e: Expr | undefined): "float" | "int" | "bool" | undefined {
  if (e?.kind === "UnaryOp" && (e.op === "-" || e.op === "+")) return literalKind(e.operand);
  if (e?.kind === "Constant" && typeof e.value === "boolean") return "bool";
  const path = e && dottedPath(e);
  if (path && MATH_FLOATS.has(path)) return "float";
  if (!isNumber(e)) return undefined;
  return isIntNumber(e) ? "int" : "float";
}

/** How a target writes a scalar of JAX's dtype for a literal, by the literal's kind; absent where its own is JAX's. */
export interface TypedScalars {
  readonly float?: (x: string) => string;
  readonly int?: (x: string) => string;
  /**
   * Type the branch of the other kind, where the kinds differ (TensorFlow: two literals of one kind are JAX's dtype
   * already, and a float literal does not convert to the int tensor an int literal gives).
   */
  readonly other?: boolean;
}

/**
 * The `where` row of a target: `fn(condition, x, y)`, with one literal branch typed where both are literals.
 *
 * @param fn The target's select, e.g. `np.where`.
 * @param typed The target's typed scalars.
 * @returns The emitter row.
 * @example NumPy's where of two float literals
 * ```ts
 * whereRow("np.where", { float: (x) => `np.float32(${x})` });
 * // where(condition, 1.0, 0.0) is written np.where(condition, np.float32(1.0), 0.0)
 * ```
 */
export function whereRow(fn: string, typed: TypedScalars): EmitFn {
  return (a) => {
    const kinds = [literalKind(a.get("x")), literalKind(a.get("y"))];
    const names = ["x", "y"];
    if (kinds.includes(undefined)) return `${fn}(condition, x, y)`;
    const kind = kinds.includes("float") ? "float" : kinds.includes("int") ? "int" : undefined;
    const wrap = kind && typed[kind];
    if (!kind || !wrap) return `${fn}(condition, x, y)`;
    if (typed.other && kinds[0] === kinds[1]) return `${fn}(condition, x, y)`;
    const at = typed.other ? kinds.findIndex((k) => k !== kind) : kinds.indexOf(kind);
    return `${fn}(condition, ${names.map((n, k) => (k === at ? wrap(n) : n)).join(", ")})`;
  };
}
