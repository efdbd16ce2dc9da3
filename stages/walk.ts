/**
 * A generic rewrite of every statement and expression of a module, for the
 * stages whose change is local to one node.
 *
 * @module
 */
import * as A from "./ast.ts";

/** What to do with each node; both default to the identity. */
export interface Rewrite {
  /** Rewrites one whole expression (the callee walks inside it). */
  readonly expr?: (e: A.Expr) => A.Expr;
  /** Rewrites one statement after its expressions and bodies; may expand to several. */
  readonly stmt?: (s: A.Stmt) => A.Stmt[];
}

/**
 * Applies a rewrite to a module's statements, bodies first.
 *
 * @param module The module to rewrite.
 * @param rewrite The node rewrites.
 * @returns The new top-level statements.
 * @example Rename a variable everywhere
 * ```ts
 * mapModule(m, { expr: (e) => mapExpr(e, (n) => n.kind === "Name" && n.id === "a" ? { ...n, id: "b" } : n) });
 * ```
 */
export function mapModule(module: A.Module, rewrite: Rewrite): A.Stmt[] {
  return mapBody(module.body, rewrite);
}

/** Applies a rewrite to a list of statements. */
export function mapBody(body: readonly A.Stmt[], rewrite: Rewrite): A.Stmt[] {
  return body.flatMap((s) => {
    const inner = mapStmt(s, rewrite);
    return rewrite.stmt ? rewrite.stmt(inner) : [inner];
  });
}

function mapStmt(s: A.Stmt, r: Rewrite): A.Stmt {
  const ex = (e: A.Expr) => (r.expr ? r.expr(e) : e);
  const exo = (e?: A.Expr) => (e ? ex(e) : undefined);
  const body = (b: readonly A.Stmt[]) => mapBody(b, r);
  switch (s.kind) {
    case "FunctionDef":
      return {
        ...s,
        params: s.params.map((p) => ({ ...p, default: exo(p.default), annotation: exo(p.annotation) })),
        decorators: s.decorators.map(ex),
        returns: exo(s.returns),
        body: body(s.body),
      };
    case "ClassDef":
      return {
        ...s,
        bases: s.bases.map((a) => ({ ...a, value: ex(a.value) })),
        decorators: s.decorators.map(ex),
        body: body(s.body),
      };
    case "Return":
      return { ...s, value: exo(s.value) };
    case "Assign":
      return { ...s, targets: s.targets.map(ex), value: exo(s.value), annotation: exo(s.annotation) };
    case "AugAssign":
      return { ...s, target: ex(s.target), value: ex(s.value) };
    case "ExprStmt":
      return { ...s, value: ex(s.value) };
    case "If":
      return { ...s, test: ex(s.test), body: body(s.body), orelse: body(s.orelse) };
    case "For":
      return { ...s, target: ex(s.target), iter: ex(s.iter), body: body(s.body) };
    case "While":
      return { ...s, test: ex(s.test), body: body(s.body) };
    case "With":
      return {
        ...s,
        items: s.items.map((item) => ({ context: ex(item.context), target: exo(item.target) })),
        body: body(s.body),
      };
    case "Raise":
      return { ...s, exc: exo(s.exc) };
    case "Assert":
      return { ...s, test: ex(s.test), msg: exo(s.msg) };
    case "Simple":
    case "Import":
    case "ImportFrom":
      return s;
  }
}

/**
 * Removes the statements `drop` selects, moving their whole-line comments
 * onto the next statement kept, so that a removed import does not take the
 * user's comments with it.
 *
 * @param body Statements of one block.
 * @param drop Which statements to remove.
 * @returns The statements kept.
 */
export function dropStatements(body: readonly A.Stmt[], drop: (s: A.Stmt) => boolean): A.Stmt[] {
  const out: A.Stmt[] = [];
  let carried: string[] = [];
  for (const s of body) {
    if (drop(s)) {
      carried.push(...(s.comments ?? []), ...(s.commentsAfter ?? []));
      continue;
    }
    out.push(carried.length ? { ...s, comments: [...carried, ...(s.comments ?? [])] } : s);
    carried = [];
  }
  return out;
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
