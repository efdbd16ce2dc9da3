/**
 * A generic rewrite of every statement and expression of a module, for the
 * stages whose change is local to one node.
 *
 * @module
 */
import type * as A from "./ast.ts";

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
