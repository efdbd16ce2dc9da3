/**
 * JAX's default dtypes, made explicit at lowering time: with 64-bit mode
 * off (JAX's default), floats are float32 and integers int32, whatever the
 * target's own default.
 *
 * @module
 */
import type * as A from "../../ast.ts";

function literalDtype(e: A.Expr | undefined): "int32" | "float32" | "bool_" | undefined {
  if (!e) return undefined;
  if (e.kind === "Constant") {
    if (typeof e.value === "boolean") return "bool_";
    if (typeof e.value !== "number") return undefined;
    return /[.eE]|inf|nan/.test(e.raw ?? String(e.value)) ? "float32" : "int32";
  }
  if (e.kind === "UnaryOp" && e.op === "-") return literalDtype(e.operand);
  if (e.kind === "List" || e.kind === "Tuple") {
    const kinds = e.elts.map(literalDtype);
    if (kinds.length === 0 || kinds.includes(undefined)) return undefined;
    if (kinds.includes("float32")) return "float32";
    if (kinds.includes("int32")) return "int32";
    return "bool_";
  }
  return undefined;
}

/**
 * The dtype expression a creation op gets when the call gave none.
 *
 * @param args The bound arguments of the call.
 * @param rule `float32`: JAX's float default; `arange`: int32 unless a bound
 *   is a float literal; `literal`: the dtype of a literal `object`, or `None`
 *   (keep the input's dtype) for anything else.
 * @param objectParam The parameter holding the literal, for `literal`.
 * @returns A template fragment such as `dtype` or `ivy.float32`.
 */
export function creationDtype(
  args: ReadonlyMap<string, A.Expr>,
  rule: "float32" | "arange" | "literal",
  objectParam = "object",
): string {
  const dtype = args.get("dtype");
  if (dtype && !(dtype.kind === "Constant" && dtype.value === null)) return "dtype";
  if (rule === "float32") return "ivy.float32";
  if (rule === "arange") {
    const bounds = ["start", "stop", "step"].map((n) => literalDtype(args.get(n)));
    return bounds.includes("float32") ? "ivy.float32" : "ivy.int32";
  }
  const literal = literalDtype(args.get(objectParam));
  return literal ? `ivy.${literal}` : "None";
}
