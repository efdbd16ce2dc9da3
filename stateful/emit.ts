/**
 * Writes one stateful ivy op (`ivy.Linear(...)`, `ivy.Param(...)`,
 * `ivy.Rngs(...)`, `ivy.random_normal(...)`) with a target's row: the call
 * is bound to the op's signature, arguments equal to Flax's defaults are
 * left out (unless the target's default differs), and the row's template is
 * filled.
 *
 * @module
 */
import * as A from "../stages/ast.ts";
import { printExpr } from "../stages/print.ts";
import { bindArgs, parseSignature, type Signature } from "../stages/signature.ts";
import { fillTemplate, parseTemplate } from "../stages/template.ts";
import { LAYER_OPS, type LayerOp } from "../stages/ivy/layers.ts";
import type { LayerEmit, ModuleFacts } from "./target.ts";
import { mapExpr } from "../stages/walk.ts";

const signatures = new Map<LayerOp, Signature>(
  Object.entries(LAYER_OPS).map(([op, sig]) => [op as LayerOp, parseSignature(sig)]),
);

/** An emitted op: the target expression and the helpers it needs, or a diagnostic message. */
export type Emitted = { readonly expr: A.Expr; readonly helpers: readonly string[] } | { readonly error: string };

/**
 * Emits one stateful op call.
 *
 * @param op The op's name.
 * @param call The `ivy.<op>(...)` call, its arguments already lowered.
 * @param row The target's row for the op.
 * @param facts Facts about the whole module.
 * @param useHelpers Called with the template and its helpers before filling; may mark the helper names.
 * @returns The target expression and its helpers, or an error.
 * @example Emit a torch Linear
 * ```ts
 * emitLayerOp("Linear", call, torchStateful.ops.Linear, { attends: false });
 * // Linear(2, 3), a torch.nn.Linear helper
 * ```
 */
export function emitLayerOp(
  op: LayerOp,
  call: A.Call,
  row: LayerEmit,
  facts: ModuleFacts,
  useHelpers: (template: A.Expr, helpers: readonly string[]) => A.Expr = (template) => template,
): Emitted {
  const sig = signatures.get(op)!;
  const bound = bindArgs(sig, call.args, call.loc);
  if (typeof bound === "string") return { error: `ivy.${op}: ${bound}` };
  const text = typeof row.emit === "string" ? row.emit : row.emit(bound, facts);
  if (text.startsWith("error:")) return { error: text.slice(6).trim() };
  const atDefault = new Set(
    sig.filter((p) =>
      p.default && !row.keepDefaults?.includes(p.name) && printExpr(bound.get(p.name)!) === printExpr(p.default)
    ).map((p) => p.name),
  );
  const helpers = typeof row.helpers === "function" ? row.helpers(bound, facts) : row.helpers ?? [];
  const template = useHelpers(dropArguments(parseTemplate(text), atDefault), helpers);
  return { expr: fillTemplate(template, bound, call.loc), helpers };
}

/**
 * Removes from a template's calls the arguments that are just one of
 * `names`: keyword arguments anywhere, positional ones only at the end.
 */
export function dropArguments(template: A.Expr, names: ReadonlySet<string>): A.Expr {
  const isDropped = (a: A.Arg) => !a.star && a.value.kind === "Name" && names.has(a.value.id);
  return mapExpr(template, (n) => {
    if (n.kind !== "Call") return n;
    const positional = n.args.filter((a) => !a.name);
    while (positional.length && isDropped(positional[positional.length - 1])) positional.pop();
    return { ...n, args: n.args.filter((a) => (a.name ? !isDropped(a) : positional.includes(a))) };
  });
}

/** True when `e` is a call of a stateful op: returns the op. */
export function layerOpOf(e: A.Expr): LayerOp | undefined {
  if (e.kind !== "Call") return undefined;
  const path = A.dottedPath(e.func);
  const name = path?.startsWith("ivy.") ? path.slice(4) : undefined;
  return name && name !== "Module" && Object.hasOwn(LAYER_OPS, name) ? name as LayerOp : undefined;
}
