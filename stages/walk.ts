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
  const out = sharedBody(body, rewrite);
  return out === body ? [...body] : out as A.Stmt[];
}

/** {@link mapBody}, giving back `body` itself when nothing in it changed. */
function sharedBody(body: readonly A.Stmt[], rewrite: Rewrite): readonly A.Stmt[] {
  const out: A.Stmt[] = [];
  let changed = false;
  for (const s of body) {
    const inner = mapStmt(s, rewrite);
    const replaced = rewrite.stmt ? rewrite.stmt(inner) : [inner];
    changed ||= replaced.length !== 1 || replaced[0] !== s;
    out.push(...replaced);
  }
  return changed ? out : body;
}

function mapStmt(s: A.Stmt, r: Rewrite): A.Stmt {
  const ex = (e: A.Expr) => (r.expr ? r.expr(e) : e);
  const exo = (e?: A.Expr) => (e ? ex(e) : undefined);
  const body = (b: readonly A.Stmt[]) => sharedBody(b, r);
  switch (s.kind) {
    case "FunctionDef":
      return update(s, {
        params: mapSame(s.params, (p) => update(p, { default: exo(p.default), annotation: exo(p.annotation) })),
        decorators: mapSame(s.decorators, ex),
        returns: exo(s.returns),
        body: body(s.body),
      });
    case "ClassDef":
      return update(s, {
        bases: mapSame(s.bases, (a) => update(a, { value: ex(a.value) })),
        decorators: mapSame(s.decorators, ex),
        body: body(s.body),
      });
    case "Return":
      return update(s, { value: exo(s.value) });
    case "Assign":
      return update(s, { targets: mapSame(s.targets, ex), value: exo(s.value), annotation: exo(s.annotation) });
    case "AugAssign":
      return update(s, { target: ex(s.target), value: ex(s.value) });
    case "ExprStmt":
      return update(s, { value: ex(s.value) });
    case "If":
      return update(s, { test: ex(s.test), body: body(s.body), orelse: body(s.orelse) });
    case "For":
      return update(s, { target: ex(s.target), iter: ex(s.iter), body: body(s.body) });
    case "While":
      return update(s, { test: ex(s.test), body: body(s.body) });
    case "With":
      return update(s, {
        items: mapSame(s.items, (item) => update(item, { context: ex(item.context), target: exo(item.target) })),
        body: body(s.body),
      });
    case "Raise":
      return update(s, { exc: exo(s.exc) });
    case "Assert":
      return update(s, { test: ex(s.test), msg: exo(s.msg) });
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

/** Pushes the expressions directly inside `e` onto `stack` in reverse source order (so they pop in source order). */
function pushChildren(e: A.Expr, stack: A.Expr[]): void {
  const push = (x: A.Expr | undefined) => x && stack.push(x);
  const pushAll = (xs: readonly (A.Expr | undefined)[]) => {
    for (let i = xs.length - 1; i >= 0; i--) push(xs[i]);
  };
  switch (e.kind) {
    case "Name":
    case "Constant":
      return;
    case "Attribute":
    case "Starred":
      return void stack.push(e.value);
    case "Call":
      for (let i = e.args.length - 1; i >= 0; i--) stack.push(e.args[i].value);
      return void stack.push(e.func);
    case "Subscript":
      return void stack.push(e.index, e.value);
    case "Slice":
      return pushAll([e.lower, e.upper, e.step]);
    case "Tuple":
    case "List":
      return pushAll(e.elts);
    case "Dict":
      pushAll(e.values);
      return pushAll(e.keys);
    case "BinOp":
      return void stack.push(e.right, e.left);
    case "UnaryOp":
      return void stack.push(e.operand);
    case "Compare":
      pushAll(e.comparators);
      return void stack.push(e.left);
    case "BoolOp":
      return pushAll(e.values);
    case "IfExp":
      return void stack.push(e.orelse, e.body, e.test);
    case "Lambda":
      stack.push(e.body);
      return pushAll(e.params.map((p) => p.default));
    case "FString": {
      const inner: A.Expr[] = [];
      A.mapFStringParts(e.parts, (x) => (inner.push(x), x));
      return pushAll(inner);
    }
    case "Comprehension":
      return pushAll([e.key, e.elt, ...e.generators.flatMap((g) => [g.target, g.iter, ...g.conditions])]);
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
    pushChildren(node, stack);
  }
}

/** `node` with `fields` set, or `node` itself when they are already its values (no copy of unchanged subtrees). */
export function update<T extends object>(node: T, fields: Partial<T>): T {
  for (const key in fields) if (fields[key] !== node[key]) return { ...node, ...fields };
  return node;
}

/** `xs` mapped by `f`, or `xs` itself when `f` returns every element unchanged. */
export function mapSame<T>(xs: readonly T[], f: (x: T) => T): readonly T[] {
  let out: T[] | undefined;
  for (let i = 0; i < xs.length; i++) {
    const y = f(xs[i]);
    if (!out && y !== xs[i]) out = xs.slice(0, i);
    out?.push(y);
  }
  return out ?? xs;
}

/**
 * A binary operator rebuilt with `f` applied to its operands, for walks whose
 * binary operators only rebuild: the operators down its left operands
 * (`a + b + c` is `(a + b) + c`) are rebuilt with a loop, so no chain is too
 * long. `f` sees the operands in source order, as a recursive walk would.
 */
export function mapBinaryChain(e: A.BinOp, f: (x: A.Expr) => A.Expr): A.Expr {
  const spine: A.BinOp[] = [e];
  let at = e.left;
  for (; at.kind === "BinOp"; at = at.left) spine.push(at);
  let result = f(at);
  for (let i = spine.length - 1; i >= 0; i--) result = update(spine[i], { left: result, right: f(spine[i].right) });
  return result;
}

/**
 * Rebuilds an expression bottom-up, applying `post` to every node after its
 * children. When `pre` returns a node for an expression, that node is used
 * as it is and the expression's children are not visited. A node whose
 * children and `post` change nothing is kept as it is, not copied.
 *
 * The left operands of a binary operator chain (`a + b + c + ...`) are
 * walked with a loop, so no chain is too long for it.
 */
export function mapExpr(
  e: A.Expr,
  post: (e: A.Expr) => A.Expr,
  pre?: (e: A.Expr) => A.Expr | undefined,
): A.Expr {
  // the chain's left spine, outermost first, each node before its own left operand is visited
  const spine: A.BinOp[] = [];
  let at = e;
  let bottom: A.Expr | undefined;
  for (;;) {
    const replaced = pre?.(at);
    if (replaced) {
      bottom = replaced;
      break;
    }
    if (at.kind !== "BinOp") break;
    spine.push(at);
    at = at.left;
  }
  let result = bottom ?? mapChildren(at, post, pre);
  for (let i = spine.length - 1; i >= 0; i--) {
    const node = spine[i];
    result = post(update(node, { left: result, right: mapExpr(node.right, post, pre) }));
  }
  return result;
}

/** `post` of `e` with its children rebuilt by {@link mapExpr}; `e` is not a binary operator. */
function mapChildren(
  e: A.Expr,
  post: (e: A.Expr) => A.Expr,
  pre: ((e: A.Expr) => A.Expr | undefined) | undefined,
): A.Expr {
  const m = (x: A.Expr) => mapExpr(x, post, pre);
  const mo = (x?: A.Expr) => (x ? m(x) : undefined);
  switch (e.kind) {
    case "Name":
    case "Constant":
      return post(e);
    case "Attribute":
    case "Starred":
      return post(update(e, { value: m(e.value) }));
    case "Call":
      return post(update(e, { func: m(e.func), args: mapSame(e.args, (a) => update(a, { value: m(a.value) })) }));
    case "Subscript":
      return post(update(e, { value: m(e.value), index: m(e.index) }));
    case "Slice":
      return post(update(e, { lower: mo(e.lower), upper: mo(e.upper), step: mo(e.step) }));
    case "Tuple":
    case "List":
      return post(update(e, { elts: mapSame(e.elts, m) }));
    case "Dict":
      return post(update(e, { keys: mapSame(e.keys, m), values: mapSame(e.values, m) }));
    case "BinOp":
      return post(update(e, { left: m(e.left), right: m(e.right) }));
    case "UnaryOp":
      return post(update(e, { operand: m(e.operand) }));
    case "Compare":
      return post(update(e, { left: m(e.left), comparators: mapSame(e.comparators, m) }));
    case "BoolOp":
      return post(update(e, { values: mapSame(e.values, m) }));
    case "IfExp":
      return post(update(e, { test: m(e.test), body: m(e.body), orelse: m(e.orelse) }));
    case "Lambda":
      return post(update(e, {
        params: mapSame(e.params, (p) => (p.default ? update(p, { default: m(p.default) }) : p)),
        body: m(e.body),
      }));
    case "FString":
      return post(update(e, { parts: A.mapFStringParts(e.parts, m) }));
    case "Comprehension":
      return post(update(e, {
        key: mo(e.key),
        elt: m(e.elt),
        generators: mapSame(
          e.generators,
          (g) => update(g, { target: m(g.target), iter: m(g.iter), conditions: mapSame(g.conditions, m) }),
        ),
      }));
  }
}
