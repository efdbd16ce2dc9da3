/**
 * Static facts about argument expressions that lowerings and emitters branch
 * on: whether an argument is absent or a literal `None`, `True`, `False`, `0`
 * or a number. Anything that is not such a literal is unknown, and a row must
 * not treat unknown as one of these values.
 *
 * @module
 */
import type { Expr } from "./ast.ts";

/** An absent argument, or the literal `None`. */
export function isNone(e: Expr | undefined): boolean {
  return e === undefined || (e.kind === "Constant" && e.value === null);
}

/** The literal `True`. */
export function isTrue(e: Expr | undefined): boolean {
  return e?.kind === "Constant" && e.value === true;
}

/** The literal `False`. */
export function isFalse(e: Expr | undefined): boolean {
  return e?.kind === "Constant" && e.value === false;
}

/** An absent argument, or the literal `0`. */
export function isZero(e: Expr | undefined): boolean {
  return e === undefined || (e.kind === "Constant" && e.value === 0);
}

/** A number literal, or a negated one. */
export function isNumber(e: Expr | undefined): boolean {
  if (e?.kind === "UnaryOp" && (e.op === "-" || e.op === "+")) return isNumber(e.operand);
  return e?.kind === "Constant" && typeof e.value === "number";
}

/** An int literal (maybe negated): a number written without a fraction or an exponent. */
export function isIntNumber(e: Expr | undefined): boolean {
  if (e?.kind === "UnaryOp" && (e.op === "-" || e.op === "+")) return isIntNumber(e.operand);
  return e?.kind === "Constant" && typeof e.value === "number" && !/[.eE]|inf|nan/.test(e.raw ?? String(e.value));
}

/**
 * The sign of a zero literal as JAX reads it: "-" for `-0.0` (a float zero negated an odd number of times), "+" for
 * `0`, `0.0` and `-0` (an int zero has no sign), undefined for anything else.
 */
export function zeroLiteralSign(e: Expr | undefined): "+" | "-" | undefined {
  if (e?.kind === "UnaryOp" && (e.op === "-" || e.op === "+")) {
    const inner = zeroLiteralSign(e.operand);
    return inner && e.op === "-" && !isIntNumber(e.operand) ? (inner === "+" ? "-" : "+") : inner;
  }
  return e?.kind === "Constant" && e.value === 0 ? "+" : undefined;
}
