/**
 * Python call signatures written as text (`"a, axis=None, *, keepdims=False"`)
 * and the binding of a call's arguments to them, as Python does it.
 *
 * @module
 */
import type * as A from "./ast.ts";
import { parseConstant } from "./parse.ts";

/** One parameter of a signature. */
export interface SigParam {
  readonly name: string;
  readonly default?: A.Expr;
  readonly keywordOnly: boolean;
  readonly positionalOnly: boolean;
  /** `*name` collects extra positional arguments as a tuple. */
  readonly variadic: boolean;
}

/** A parsed signature. */
export type Signature = readonly SigParam[];

/**
 * Parses a signature written as a Python parameter list.
 *
 * @param text Parameters as in a `def`, e.g. `"x, /, axis=None, *, keepdims=False"`.
 * @returns The parameters in order.
 * @example Parse a signature
 * ```ts
 * parseSignature("a, axis=None").map((p) => p.name); // ["a", "axis"]
 * ```
 */
export function parseSignature(text: string): Signature {
  const source = `def _(${text.replace(/(^|,\s*)\/(?=\s*(,|$))/, "$1__positional_only__")}):\n    pass\n`;
  const { ir, diagnostics } = parseConstant(source);
  const def = ir.body[0];
  if (diagnostics.length || def?.kind !== "FunctionDef") {
    throw new Error(`bad signature: ${text}`);
  }
  const slash = def.params.findIndex((p) => p.name === "__positional_only__");
  const out: SigParam[] = [];
  let keywordOnly = false;
  def.params.forEach((p, i) => {
    if (p.name === "__positional_only__") return;
    if (p.star === "*" && p.name === "") {
      keywordOnly = true;
      return;
    }
    if (p.star === "**") throw new Error(`**kwargs not allowed in signature: ${text}`);
    out.push({
      name: p.name,
      default: p.default,
      keywordOnly,
      positionalOnly: i < slash,
      variadic: p.star === "*",
    });
    if (p.star === "*") keywordOnly = true;
  });
  return out;
}

/** Arguments bound to parameter names; absent ones take their defaults. */
export type Bound = Map<string, A.Expr>;

/**
 * Binds a call's arguments to a signature.
 *
 * @param sig The callee's signature.
 * @param args The call's arguments.
 * @param loc Where a variadic tuple is said to come from.
 * @returns The bound arguments, or a reason why the call does not fit.
 * @example Bind a call
 * ```ts
 * bindArgs(parseSignature("a, axis=None"), [{ value: x }, { name: "axis", value: one }]);
 * ```
 */
export function bindArgs(sig: Signature, args: readonly A.Arg[], loc: A.Loc): Bound | string {
  const bound: Bound = new Map();
  const positional = args.filter((a) => !a.name && !a.star);
  if (args.some((a) => a.star)) return "`*args`/`**kwargs` in this call cannot be resolved statically";
  const slots = sig.filter((p) => !p.keywordOnly || p.variadic);
  let i = 0;
  for (const p of slots) {
    if (p.variadic) {
      bound.set(p.name, { kind: "Tuple", elts: positional.slice(i).map((a) => a.value), loc });
      i = positional.length;
      break;
    }
    if (i >= positional.length) break;
    bound.set(p.name, positional[i++].value);
  }
  if (i < positional.length) return `takes at most ${i} positional arguments, got ${positional.length}`;
  for (const a of args.filter((a) => a.name)) {
    const p = sig.find((s) => s.name === a.name);
    if (!p || p.positionalOnly || p.variadic) return `unexpected keyword argument \`${a.name}\``;
    if (bound.has(p.name)) return `got multiple values for argument \`${a.name}\``;
    bound.set(p.name, a.value);
  }
  for (const p of sig) {
    if (bound.has(p.name)) continue;
    if (p.variadic) bound.set(p.name, { kind: "Tuple", elts: [], loc });
    else if (p.default) bound.set(p.name, p.default);
    else return `missing required argument \`${p.name}\``;
  }
  return bound;
}
