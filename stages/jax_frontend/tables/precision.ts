/**
 * The arguments of JAX's dot functions that choose how XLA computes, not
 * what: `precision` (`lax.Precision.DEFAULT`/`HIGH`/`HIGHEST` or their
 * strings; float32 on the CPU targets is always full precision, so it is
 * ignored) and `preferred_element_type`, the dtype the products accumulate
 * and return in.
 *
 * @module
 */
import { dottedPath, type Expr } from "../../ast.ts";
import type { ApiTable, Lowering } from "../api.ts";
import { isNone } from "../../literals.ts";

/**
 * A dot function's lowering with its `preferred_element_type`: `None` keeps
 * the operands' dtypes; float32 casts the operands to float32 first, so that
 * the products and their sum are float32 as in JAX; any other dtype is a
 * diagnostic.
 *
 * @param template The lowering, given how to write an operand name `n` (as is, or cast).
 * @returns The row's lowering.
 */
export function preferredElementType(template: (operand: (n: string) => string) => string): Lowering {
  return (a: ReadonlyMap<string, Expr>) => {
    const preferred = a.get("preferred_element_type");
    if (isNone(preferred)) return template((n) => n);
    if (preferred && dottedPath(preferred) === "ivy.float32") return template((n) => `ivy.astype(${n}, ivy.float32)`);
    return "error: `preferred_element_type` is supported as float32 or None only";
  };
}

/** `jax.lax.Precision`: each value names itself; every dot function ignores it. */
export const precisionTable: ApiTable = Object.fromEntries(
  ["DEFAULT", "HIGH", "HIGHEST"].map((name) => [
    name,
    {
      sig: "",
      ivy: `'${name.toLowerCase()}'`,
      constant: true,
      returns: "python",
      checks: [
        `jnp.matmul(x, y.T, precision=lax.Precision.${name})`,
        `lax.dot_general(x, y, (((1,), (1,)), ((), ())), precision=lax.Precision.${name})`,
      ],
    },
  ]),
);
