/**
 * Names that nothing defines: no import, `def`, `class`, assignment,
 * parameter, `for`/`with`/comprehension target or builtin binds them. Such a
 * name (`optax.adam(...)` with its import missing) would pass through to the
 * output untranslated, so the `jax` stage reports it.
 *
 * Python's scopes are followed: a function sees its own bindings (anywhere in
 * its body), the enclosing functions', the module's and the builtins; a class
 * body sees its own bindings, which its methods do not.
 *
 * @module
 */
import type * as A from "../ast.ts";
import { BUILTIN_NAMES } from "./builtins.ts";
import { mapExpr } from "../walk.ts";

/** The names one scope binds, and the scope its functions see around it. */
interface Scope {
  readonly names: ReadonlySet<string>;
  readonly parent?: Scope;
}

function binds(scope: Scope | undefined, name: string): boolean {
  for (let s = scope; s; s = s.parent) if (s.names.has(name)) return true;
  return BUILTIN_NAMES.has(name);
}

/**
 * Every use of a name that nothing binds, in source order.
 *
 * @param module The parsed module.
 * @returns The `Name` nodes that are used and never bound.
 * @example A missing import
 * ```ts
 * undefinedNames(parse("def f(x):\n    return optax.adam(x)\n").ir); // [Name optax at 2:12]
 * ```
 */
export function undefinedNames(module: A.Module): A.Name[] {
  const found: A.Name[] = [];
  const global: Scope = { names: boundIn(module.body) };
  checkBlock(module.body, global, global, found);
  return found;
}

/** Names a block binds in its own scope: not inside nested functions or classes. */
function boundIn(body: readonly A.Stmt[], params: readonly A.Param[] = []): Set<string> {
  const names = new Set(params.map((p) => p.name).filter((n) => n !== ""));
  const target = (t: A.Expr): void => {
    if (t.kind === "Name") names.add(t.id);
    else if (t.kind === "Tuple" || t.kind === "List") t.elts.forEach(target);
    else if (t.kind === "Starred") target(t.value);
  };
  const visit = (stmts: readonly A.Stmt[]): void => {
    for (const s of stmts) {
      switch (s.kind) {
        case "FunctionDef":
        case "ClassDef":
          names.add(s.name);
          break;
        case "Assign":
          s.targets.forEach(target);
          break;
        case "AugAssign":
          target(s.target);
          break;
        case "For":
          target(s.target);
          visit(s.body);
          break;
        case "With":
          s.items.forEach((i) => i.target && target(i.target));
          visit(s.body);
          break;
        case "If":
          visit(s.body);
          visit(s.orelse);
          break;
        case "While":
          visit(s.body);
          break;
        case "Import":
          s.names.forEach((a) => names.add(a.asname ?? a.name.split(".")[0]));
          break;
        case "ImportFrom":
          s.names.forEach((a) => names.add(a.asname ?? a.name));
          break;
      }
    }
  };
  visit(body);
  return names;
}

/**
 * Checks the statements of one scope. `scope` resolves the names they use;
 * `enclosing` is what a function defined here sees around itself (a class
 * body's own names are not part of it).
 */
function checkBlock(body: readonly A.Stmt[], scope: Scope, enclosing: Scope, found: A.Name[]): void {
  const ex = (e: A.Expr | undefined) => e && checkExpr(e, scope, found);
  for (const s of body) {
    switch (s.kind) {
      case "FunctionDef": {
        s.decorators.forEach(ex);
        s.params.forEach((p) => (ex(p.default), ex(p.annotation)));
        ex(s.returns);
        const inner: Scope = { names: boundIn(s.body, s.params), parent: enclosing };
        checkBlock(s.body, inner, inner, found);
        break;
      }
      case "ClassDef": {
        s.decorators.forEach(ex);
        s.bases.forEach((b) => ex(b.value));
        checkBlock(s.body, { names: boundIn(s.body), parent: scope }, enclosing, found);
        break;
      }
      case "Assign":
        s.targets.forEach((t) => targetLoads(t, scope, found));
        ex(s.value);
        ex(s.annotation);
        break;
      case "AugAssign":
        ex(s.target);
        ex(s.value);
        break;
      case "ExprStmt":
        ex(s.value);
        break;
      case "Return":
      case "Raise":
        ex(s.kind === "Return" ? s.value : s.exc);
        break;
      case "Assert":
        ex(s.test);
        ex(s.msg);
        break;
      case "If":
        ex(s.test);
        checkBlock(s.body, scope, enclosing, found);
        checkBlock(s.orelse, scope, enclosing, found);
        break;
      case "For":
        targetLoads(s.target, scope, found);
        ex(s.iter);
        checkBlock(s.body, scope, enclosing, found);
        break;
      case "While":
        ex(s.test);
        checkBlock(s.body, scope, enclosing, found);
        break;
      case "With":
        s.items.forEach((i) => (ex(i.context), i.target && targetLoads(i.target, scope, found)));
        checkBlock(s.body, scope, enclosing, found);
        break;
      case "Import":
      case "ImportFrom":
      case "Simple":
        break;
    }
  }
}

/** The names an assignment target reads: `self` in `self.x = ...`, `i` in `a[i] = ...`. */
function targetLoads(t: A.Expr, scope: Scope, found: A.Name[]): void {
  if (t.kind === "Name") return;
  if (t.kind === "Tuple" || t.kind === "List") t.elts.forEach((x) => targetLoads(x, scope, found));
  else if (t.kind === "Starred") targetLoads(t.value, scope, found);
  else checkExpr(t, scope, found);
}

function checkExpr(e: A.Expr, scope: Scope, found: A.Name[]): void {
  mapExpr(e, (n) => {
    if (n.kind === "Name" && !binds(scope, n.id)) found.push(n);
    return n;
  }, (n) => {
    if (n.kind === "Lambda") {
      n.params.forEach((p) => p.default && checkExpr(p.default, scope, found));
      checkExpr(n.body, { names: new Set(n.params.map((p) => p.name)), parent: scope }, found);
      return n;
    }
    if (n.kind === "Comprehension") {
      const names = new Set<string>();
      const inner: Scope = { names, parent: scope };
      n.generators.forEach((g, i) => {
        // the first iterable is evaluated outside the comprehension
        checkExpr(g.iter, i === 0 ? scope : inner, found);
        mapExpr(g.target, (t) => (t.kind === "Name" && names.add(t.id), t));
        g.conditions.forEach((c) => checkExpr(c, inner, found));
      });
      if (n.key) checkExpr(n.key, inner, found);
      checkExpr(n.elt, inner, found);
      return n;
    }
    return undefined;
  });
}
