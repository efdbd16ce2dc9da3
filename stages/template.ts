/**
 * Lowerings and emissions written as Python expressions over parameter
 * names, e.g. `"torch.sum(x, dim=axis, keepdim=keepdims)"`: the table rows'
 * language. Filling a template replaces each parameter name by its argument.
 *
 * @module
 */
import * as A from "./ast.ts";
import { parseConstant } from "./parse.ts";
import { printExpr } from "./print.ts";
import { mapExpr } from "./walk.ts";

/**
 * Parses a template written as one Python expression.
 *
 * @param text The template text.
 * @returns The template's expression.
 * @example Parse a template
 * ```ts
 * parseTemplate("torch.sum(x, dim=axis)").kind; // "Call"
 * ```
 */
export function parseTemplate(text: string): A.Expr {
  const { ir, diagnostics } = parseConstant(text);
  const stmt = ir.body[0];
  if (diagnostics.length || ir.body.length !== 1 || stmt.kind !== "ExprStmt") {
    throw new Error(`bad template: ${text}`);
  }
  return stmt.value;
}

/** How often a template refers to each name; inside a `lambda`, its own parameters are not counted. */
export function templateNameCounts(template: A.Expr): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (e: A.Expr, bound: ReadonlySet<string>) =>
    mapExpr(e, (n) => n, (n) => {
      if (n.kind === "Name" && !bound.has(n.id)) counts.set(n.id, (counts.get(n.id) ?? 0) + 1);
      if (n.kind !== "Lambda") return undefined;
      n.params.forEach((p) => p.default && visit(p.default, bound));
      visit(n.body, new Set([...bound, ...n.params.map((p) => p.name)]));
      return n;
    });
  visit(template, new Set());
  return counts;
}

/** Names a template refers to (free names: a `lambda`'s parameters are its own). */
export function templateNames(template: A.Expr): Set<string> {
  return new Set(templateNameCounts(template).keys());
}

/**
 * Fills a template: each `Name` bound in `args` is replaced by its argument.
 * Keyword arguments whose value prints the same as `omitWhen[name]` are
 * dropped, so that emitted calls do not repeat defaults; `*name` bound to a
 * tuple is spread into the call. A `lambda` in the template binds its own
 * parameters: inside it, those names are its own, not the arguments.
 *
 * @param template The parsed template.
 * @param args Argument expressions by parameter name.
 * @param loc The source position given to the new nodes.
 * @param omitWhen Keyword values to leave out, by parameter name.
 * @returns The filled expression.
 */
export function fillTemplate(
  template: A.Expr,
  args: ReadonlyMap<string, A.Expr>,
  loc: A.Loc,
  omitWhen: ReadonlyMap<string, string> = new Map(),
): A.Expr {
  const fill = (e: A.Expr): A.Expr =>
    mapExpr(e, (n) => (n.kind === "Name" ? args.get(n.id) ?? { ...n, loc } : tupleItem(n) ?? { ...n, loc }), (n) => {
      if (n.kind === "Lambda") {
        const own = new Set(n.params.map((p) => p.name));
        const outer = new Map([...args].filter(([name]) => !own.has(name)));
        const params = n.params.map((p) => (p.default ? { ...p, default: fill(p.default) } : p));
        return { ...n, params, body: fillTemplate(n.body, outer, loc, omitWhen), loc };
      }
      if (n.kind !== "Call") return undefined;
      const kept = n.args.flatMap((a): A.Arg[] => {
        const spliced = a.star === "*" && a.value.kind === "Name" ? args.get(a.value.id) : undefined;
        if (spliced?.kind === "Tuple") return spliced.elts.map((value) => ({ value }));
        if (a.name && a.value.kind === "Name") {
          const omit = omitWhen.get(a.value.id);
          const value = args.get(a.value.id);
          if (omit !== undefined && value !== undefined && printExpr(value) === omit) return [];
        }
        return [{ ...a, value: fill(a.value) }];
      });
      return { ...n, func: fill(n.func), args: kept, loc };
    });
  return fill(template);
}

/** `(a, b)[0]`, a template's `shape[0]` filled with a tuple of arguments: the item itself. */
function tupleItem(n: A.Expr): A.Expr | undefined {
  if (n.kind !== "Subscript" || n.value.kind !== "Tuple" || n.index.kind !== "Constant") return undefined;
  const k = n.index.value;
  const items = n.value.elts;
  if (typeof k !== "number" || !Number.isInteger(k) || items.some((x) => x.kind === "Starred")) return undefined;
  return items.at(k);
}

/** A name, literal, dotted path, or tuple/list of them: cheap to write twice. */
function isSimple(e: A.Expr): boolean {
  if (e.kind === "Tuple" || e.kind === "List") return e.elts.every(isSimple);
  return e.kind === "Name" || e.kind === "Constant" || A.dottedPath(e) !== undefined;
}

/**
 * `(lambda key, shape, dtype=ivy.float32: body)(k, s)`, what an initializer called at once or `jax.checkpoint(f)(x)`
 * lowers to: the body with the arguments put in, when each argument is used at most once or is a plain name or
 * literal, and no name the body binds itself shadows a parameter or captures an argument.
 */
export function inlineCalledLambda(node: A.Expr): A.Expr {
  if (node.kind !== "Call" || node.func.kind !== "Lambda") return node;
  const { params, body } = node.func;
  if (node.args.some((a) => a.star) || params.some((p) => p.star || !p.name)) return node;
  // names the body binds itself (inner lambdas, comprehensions) must not shadow a parameter or capture an argument
  const innerBound = new Set<string>();
  const uses = new Map<string, number>();
  mapExpr(body, (n) => {
    if (n.kind === "Name") uses.set(n.id, (uses.get(n.id) ?? 0) + 1);
    if (n.kind === "Lambda") n.params.forEach((p) => innerBound.add(p.name));
    if (n.kind === "Comprehension") {
      n.generators.forEach((g) => templateNames(g.target).forEach((t) => innerBound.add(t)));
    }
    return n;
  });
  const argNames = node.args.flatMap((a) => [...templateNames(a.value)]);
  if (params.some((p) => innerBound.has(p.name)) || argNames.some((n) => innerBound.has(n))) return node;
  const values = new Map<string, A.Expr>();
  const positional = node.args.filter((a) => !a.name);
  for (const [k, p] of params.entries()) {
    const value = positional[k]?.value ?? node.args.find((a) => a.name === p.name)?.value ?? p.default;
    if (!value) return node;
    const simple = isSimple(value);
    if ((uses.get(p.name) ?? 0) > 1 && !simple) return node;
    values.set(p.name, value);
  }
  const named = node.args.filter((a) => a.name);
  if (positional.length > params.length || named.some((a) => !params.some((p) => p.name === a.name))) return node;
  return mapExpr(body, (n) => (n.kind === "Name" ? values.get(n.id) ?? n : n));
}
