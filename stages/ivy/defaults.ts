/**
 * The ivy IR without arguments that repeat a core op's default: what the
 * `jax_frontend` stage prints is then what differs from the defaults, as a
 * reviewer would write it (`ivy.sum(x, axis=1)`, not
 * `ivy.sum(x, axis=1, keepdims=False)`). Binding a call to the op's
 * signature gives the defaults back, so the targets see the same arguments.
 *
 * @module
 */
import * as A from "../ast.ts";
import { printExpr } from "../print.ts";
import { parseSignature } from "../signature.ts";
import { CORE_OPS } from "./ops.ts";
import { LAYER_OPS } from "./layers.ts";
import { mapExpr } from "../walk.ts";

/** Printed default of each keyword parameter, by op name. */
const DEFAULTS = new Map<string, Map<string, string>>(
  Object.entries({ ...CORE_OPS, ...LAYER_OPS }).map(([op, sig]) => [
    op,
    new Map(parseSignature(sig).filter((p) => p.default).map((p) => [p.name, printExpr(p.default!)])),
  ]),
);

/**
 * Drops, from every `ivy.<op>(...)` call in an expression, the keyword
 * arguments equal to the op's default.
 *
 * @param e An ivy IR expression.
 * @returns The expression with those arguments left out.
 * @example
 * ```ts
 * printExpr(withoutDefaults(parseTemplate("ivy.sum(x, axis=None, keepdims=False)"))); // "ivy.sum(x)"
 * ```
 */
export function withoutDefaults(e: A.Expr): A.Expr {
  return mapExpr(e, (n) => {
    if (n.kind !== "Call") return n;
    const path = A.dottedPath(n.func);
    const defaults = path?.startsWith("ivy.") ? DEFAULTS.get(path.slice(4)) : undefined;
    if (!defaults) return n;
    const args = n.args.filter((a) => !a.name || defaults.get(a.name) !== printExpr(a.value));
    return args.length === n.args.length ? n : { ...n, args };
  });
}
