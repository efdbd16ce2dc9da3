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

/** The expressions directly inside one expression, in source order. */
function children(e: A.Expr): readonly (A.Expr | undefined)[] {
  switch (e.kind) {
    case "Name":
    case "Constant":
      return [];
    case "Attribute":
    case "Starred":
      return [e.value];
    case "Call":
      return [e.func, ...e.args.map((a) => a.value)];
    case "Subscript":
      return [e.value, e.index];
    case "Slice":
      return [e.lower, e.upper, e.step];
    case "Tuple":
    case "List":
      return e.elts;
    case "Dict":
      return [...e.keys, ...e.values];
    case "BinOp":
      return [e.left, e.right];
    case "UnaryOp":
      return [e.operand];
    case "Compare":
      return [e.left, ...e.comparators];
    case "BoolOp":
      return e.values;
    case "IfExp":
      return [e.test, e.body, e.orelse];
    case "Lambda":
      return [...e.params.map((p) => p.default), e.body];
    case "FString": {
      const inner: A.Expr[] = [];
      A.mapFStringParts(e.parts, (x) => (inner.push(x), x));
      return inner;
    }
    case "Comprehension":
      return [e.key, e.elt, ...e.generators.flatMap((g) => [g.target, g.iter, ...g.conditions])];
  }
}

/**
 * Calls `f` on every node of an expression, outermost first, without
 * rebuilding it (for walks that only read). It keeps its own stack, so no
 * nesting depth is too deep for it.
 */
export function visitExpr(e: A.Expr, f: (e: A.Expr) => void): void {
  const stack: A.Expr[] = [e];
  while (stack.length > 0) {
    const node = stack.pop()!;
    f(node);
    const inner = children(node);
    for (let i = inner.length - 1; i >= 0; i--) {
      const child = inner[i];
      if (child) stack.push(child);
    }
  }
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
    mapExpr(e, (n) => (n.kind === "Name" ? args.get(n.id) ?? { ...n, loc } : "loc" in n ? { ...n, loc } : n), (n) => {
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

/**
 * Rebuilds an expression bottom-up, applying `post` to every node after its
 * children. When `pre` returns a node for an expression, that node is used
 * as it is and the expression's children are not visited.
 */
export function mapExpr(
  e: A.Expr,
  post: (e: A.Expr) => A.Expr,
  pre?: (e: A.Expr) => A.Expr | undefined,
): A.Expr {
  const replaced = pre?.(e);
  if (replaced) return replaced;
  const m = (x: A.Expr) => mapExpr(x, post, pre);
  const mo = (x?: A.Expr) => (x ? m(x) : undefined);
  switch (e.kind) {
    case "Name":
    case "Constant":
      return post(e);
    case "Attribute":
      return post({ ...e, value: m(e.value) });
    case "Call":
      return post({ ...e, func: m(e.func), args: e.args.map((a) => ({ ...a, value: m(a.value) })) });
    case "Subscript":
      return post({ ...e, value: m(e.value), index: m(e.index) });
    case "Slice":
      return post({ ...e, lower: mo(e.lower), upper: mo(e.upper), step: mo(e.step) });
    case "Tuple":
    case "List":
      return post({ ...e, elts: e.elts.map(m) });
    case "Dict":
      return post({ ...e, keys: e.keys.map(m), values: e.values.map(m) });
    case "BinOp":
      return post({ ...e, left: m(e.left), right: m(e.right) });
    case "UnaryOp":
      return post({ ...e, operand: m(e.operand) });
    case "Compare":
      return post({ ...e, left: m(e.left), comparators: e.comparators.map(m) });
    case "BoolOp":
      return post({ ...e, values: e.values.map(m) });
    case "IfExp":
      return post({ ...e, test: m(e.test), body: m(e.body), orelse: m(e.orelse) });
    case "Lambda":
      return post({
        ...e,
        params: e.params.map((p) => (p.default ? { ...p, default: m(p.default) } : p)),
        body: m(e.body),
      });
    case "Starred":
      return post({ ...e, value: m(e.value) });
    case "FString":
      return post({ ...e, parts: A.mapFStringParts(e.parts, m) });
    case "Comprehension":
      return post({
        ...e,
        key: mo(e.key),
        elt: m(e.elt),
        generators: e.generators.map((g) => ({
          target: m(g.target),
          iter: m(g.iter),
          conditions: g.conditions.map(m),
        })),
      });
  }
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
