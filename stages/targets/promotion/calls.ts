/**
 * What a module's own call sites pass to its functions and methods: the
 * dtype analysis is per function (a parameter is an array of unknown dtype),
 * so an int32 `positions` made in `Model.__call__` and passed through
 * `self.attn(x, positions)` into `apply_rope(q, positions)` is unknown there.
 * `callSiteHints` joins, for every parameter, what each call site in the
 * module passes (read with the callers' own hints, until nothing changes):
 *
 * - calls of module-level functions (`apply_rope(q, positions)`);
 * - `self.<method>(...)` of the calling class (or an in-file base class);
 * - `self.<sub>(...)`, `self.<subs>[i](...)` and `layer(...)` for
 *   `layer in self.<subs>`, of submodules the class builds from a class of
 *   the file (`self.attn = Attn(...)`, `self.layers = ivy.List([Block(...) for
 *   ...])`), and of a local `block = Block(...)`: that class's `__call__`.
 *
 * A function or method that is decorated, or used other than by calling it
 * (`jax.vmap(f)`, `partial(f, ...)`), gets no hints; a call with `*args` or
 * `**kwargs` passes unknowns; a parameter a call leaves out has its default.
 * Callers that disagree leave what they disagree on unknown (`join`).
 *
 * The hints are only what this module passes: other code may pass anything.
 * `promotion.ts` therefore uses them only to add casts that are right for
 * any dtype (a value of unknown dtype meeting a float32 array is cast to
 * float32, JAX's result whatever that dtype is), never to drop one.
 *
 * @module
 */
import * as A from "../../ast.ts";
import { visitExpr } from "../../walk.ts";
import { Analysis, collectBindings, functionScope, type Info, join, sameInfo, type Scope } from "./analysis.ts";

/** For each function or method with call sites in the module: each parameter's joined value, by name. */
export type CallHints = ReadonlyMap<A.FunctionDef, ReadonlyMap<string, Info>>;

/** What the module's classes hold: their methods and the submodule classes of their attributes. */
interface ClassInfo {
  readonly def: A.ClassDef;
  /** Own methods, then those of in-file base classes. */
  readonly methods: Map<string, A.FunctionDef>;
  /** `self.<name>` to the in-file class it holds an instance (or a list of instances) of; null when it varies. */
  readonly attributes: Map<string, { readonly cls: string; readonly list: boolean } | null>;
}

/** How many rounds of hints from hints may run before the last one is taken. */
const MAX_ROUNDS = 6;

/** The expressions directly in a statement (not in its nested bodies). */
function statementExprs(s: A.Stmt): A.Expr[] {
  switch (s.kind) {
    case "Assign":
      return s.value ? [...s.targets, s.value] : [...s.targets];
    case "AugAssign":
      return [s.target, s.value];
    case "Return":
      return s.value ? [s.value] : [];
    case "ExprStmt":
      return [s.value];
    case "If":
    case "While":
      return [s.test];
    case "For":
      return [s.target, s.iter];
    case "With":
      return s.items.flatMap((item) => (item.target ? [item.context, item.target] : [item.context]));
    case "Raise":
      return s.exc ? [s.exc] : [];
    case "Assert":
      return s.msg ? [s.test, s.msg] : [s.test];
    case "FunctionDef":
      return [...s.decorators, ...s.params.flatMap((p) => (p.default ? [p.default] : []))];
    case "ClassDef":
      return [...s.decorators, ...s.bases.map((b) => b.value)];
    default:
      return [];
  }
}

/** The nested statement lists of a statement that run in its own scope (not function or class bodies). */
function innerBlocks(s: A.Stmt): (readonly A.Stmt[])[] {
  switch (s.kind) {
    case "If":
      return [s.body, s.orelse];
    case "For":
    case "While":
    case "With":
      return [s.body];
    default:
      return [];
  }
}

/** The in-file class `e` constructs (`Block(...)`), or a list of (`ivy.List([Block(...) for _ in ...])`). */
function constructed(e: A.Expr, classes: ReadonlyMap<string, ClassInfo>): { cls: string; list: boolean } | undefined {
  if (e.kind === "Call" && e.func.kind === "Name" && classes.has(e.func.id)) return { cls: e.func.id, list: false };
  const items = e.kind === "Call" && A.dottedPath(e.func) === "ivy.List" && e.args.length === 1 ? e.args[0].value : e;
  const elements = items.kind === "Comprehension" && items.generators.length === 1 && !items.key
    ? [items.elt]
    : items.kind === "List" || items.kind === "Tuple"
    ? items.elts
    : [];
  const found = elements.map((x) => constructed(x, classes));
  const first = found[0];
  if (!first || first.list || found.some((f) => f?.cls !== first.cls || f.list)) return undefined;
  return { cls: first.cls, list: true };
}

/** Every statement of a body, nested blocks and function bodies included. */
function everyStatement(body: readonly A.Stmt[], f: (s: A.Stmt) => void): void {
  for (const s of body) {
    f(s);
    for (const b of innerBlocks(s)) everyStatement(b, f);
    if (s.kind === "FunctionDef" || s.kind === "ClassDef") everyStatement(s.body, f);
  }
}

/** The module's top-level classes, with their methods and submodule attributes. */
function classInfos(body: readonly A.Stmt[]): Map<string, ClassInfo> {
  const defs = new Map<string, A.ClassDef>();
  for (const s of body) if (s.kind === "ClassDef") defs.set(s.name, s);
  const classes = new Map<string, ClassInfo>();
  for (const def of defs.values()) classes.set(def.name, { def, methods: new Map(), attributes: new Map() });
  const methodsOf = (def: A.ClassDef, seen: Set<string>, into: Map<string, A.FunctionDef>) => {
    if (seen.has(def.name)) return;
    seen.add(def.name);
    for (const s of def.body) if (s.kind === "FunctionDef" && !into.has(s.name)) into.set(s.name, s);
    for (const b of def.bases) {
      const base = b.value.kind === "Name" ? defs.get(b.value.id) : undefined;
      if (base) methodsOf(base, seen, into);
    }
  };
  for (const info of classes.values()) {
    methodsOf(info.def, new Set(), info.methods);
    everyStatement(info.def.body, (s) => {
      if (s.kind !== "Assign" && s.kind !== "AugAssign") return;
      const targets = s.kind === "Assign" ? s.targets : [s.target];
      for (const t of targets) {
        const path = t.kind === "Attribute" ? A.dottedPath(t) : undefined;
        if (!path || !/^self\.[A-Za-z_]\w*$/.test(path)) continue;
        const name = path.slice(5);
        const made = s.kind === "Assign" && s.value && targets.length === 1 ? constructed(s.value, classes) : undefined;
        const before = info.attributes.get(name);
        const same = made && (!info.attributes.has(name) || (before?.cls === made.cls && before.list === made.list));
        info.attributes.set(name, same ? made : null);
      }
    });
  }
  return classes;
}

/** The callable a call reaches, and how many of its parameters the call does not pass (`self`). */
interface Callee {
  readonly f: A.FunctionDef;
  readonly skip: number;
}

/** What the walk of one body knows besides its analysis. */
interface Place {
  readonly analysis: Analysis;
  /** The class whose method (or a function nested in one) this is. */
  readonly cls?: ClassInfo;
  /** Local names bound only to instances of an in-file class. */
  readonly instances: ReadonlyMap<string, string>;
}

/**
 * The parameters' joined values of every function and method the module
 * calls, as its call sites pass them.
 *
 * @param body The ivy IR's top-level statements.
 * @param moduleScope The module's scope, its names bound.
 * @param classScope The scope of a top-level class (its Variable values and plain attributes).
 * @returns The hints, by function definition.
 * @example An int32 array passed to a helper
 * ```ts
 * const body = parse("import ivy\ndef f(p):\n    return p\ny = f(ivy.arange(3, dtype=ivy.int32))\n").ir.body;
 * const scope = new Scope();
 * collectBindings(body, new Analysis(scope));
 * callSiteHints(body, scope, (cls) => variableValues(cls, scope, new Set()));
 * // Map { f => Map { "p" => { array: true, dtype: "int32" } } }
 * ```
 */
export function callSiteHints(
  body: readonly A.Stmt[],
  moduleScope: Scope,
  classScope: (cls: A.ClassDef) => Scope,
): CallHints {
  const classes = classInfos(body);
  const functions = new Map<string, A.FunctionDef>();
  const topNames = new Map<string, number>();
  for (const s of body) {
    const names = s.kind === "FunctionDef" || s.kind === "ClassDef"
      ? [s.name]
      : s.kind === "Assign"
      ? s.targets.flatMap((t) => (t.kind === "Name" ? [t.id] : []))
      : [];
    for (const n of names) topNames.set(n, (topNames.get(n) ?? 0) + 1);
    if (s.kind === "FunctionDef") functions.set(s.name, s);
  }
  for (const [name, count] of topNames) if (count > 1) functions.delete(name);
  const escaped = escapedCallables(body, functions);
  const moduleAnalysis = new Analysis(moduleScope);

  const resolve = (call: A.Call, place: Place): Callee | undefined => {
    const func = call.func;
    const callOf = (cls: string | undefined): Callee | undefined => {
      const f = cls ? classes.get(cls)?.methods.get("__call__") : undefined;
      return f && { f, skip: 1 };
    };
    if (func.kind === "Name") {
      if (place.instances.has(func.id)) return callOf(place.instances.get(func.id));
      const f = functions.get(func.id);
      return f && place.analysis.scope.where(func.id) === moduleScope ? { f, skip: 0 } : undefined;
    }
    const held = func.kind === "Subscript" ? func.value : func;
    const path = held.kind === "Attribute" ? A.dottedPath(held) : undefined;
    if (!place.cls || !path || !/^self\.[A-Za-z_]\w*$/.test(path)) return undefined;
    const name = path.slice(5);
    const attribute = place.cls.attributes.get(name);
    if (func.kind === "Subscript") return attribute?.list ? callOf(attribute.cls) : undefined;
    const method = place.cls.methods.get(name);
    if (method && !place.cls.attributes.has(name)) return { f: method, skip: 1 };
    return attribute && !attribute.list ? callOf(attribute.cls) : undefined;
  };

  const collect = (hints: CallHints): Map<A.FunctionDef, Map<string, Info>> => {
    const found = new Map<A.FunctionDef, Map<string, Info>>();
    const record = (callee: Callee, passed: Map<string, Info>) => {
      if (escaped.has(callee.f) || callee.f.decorators.length > 0) return;
      const before = found.get(callee.f);
      if (!before) return void found.set(callee.f, passed);
      for (const [name, info] of passed) before.set(name, join(before.get(name), info));
    };
    const walk = (stmts: readonly A.Stmt[], place: Place) => {
      for (const s of stmts) {
        for (const e of statementExprs(s)) visitCalls(e, place, resolve, moduleAnalysis, record);
        for (const b of innerBlocks(s)) walk(b, place);
        if (s.kind === "FunctionDef") {
          const scope = functionScope(s, place.analysis.scope, false, hints.get(s));
          walkFunction(s, scope, place.cls);
        } else if (s.kind === "ClassDef") {
          const cls = classes.get(s.name)?.def === s ? classes.get(s.name) : undefined;
          const scope = cls ? classScope(s) : place.analysis.scope;
          for (const m of s.body) {
            if (m.kind === "FunctionDef") walkFunction(m, functionScope(m, scope, true, hints.get(m)), cls);
          }
        }
      }
    };
    const walkFunction = (f: A.FunctionDef, scope: Scope, cls: ClassInfo | undefined) => {
      const analysis = new Analysis(scope);
      collectBindings(f.body, analysis);
      walk(f.body, { analysis, cls, instances: localInstances(f.body, classes, cls) });
    };
    walk(body, { analysis: moduleAnalysis, instances: localInstances(body, classes, undefined) });
    return found;
  };

  let hints: CallHints = new Map();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = collect(hints);
    if (sameHints(next, hints)) break;
    hints = next;
  }
  return hints;
}

/** Calls `record` for every call in `e` that reaches a known callable, with what it passes to each parameter. */
function visitCalls(
  e: A.Expr,
  place: Place,
  resolve: (call: A.Call, place: Place) => Callee | undefined,
  moduleAnalysis: Analysis,
  record: (callee: Callee, passed: Map<string, Info>) => void,
): void {
  // names a lambda or comprehension binds are not the scope's: their calls pass unknowns
  const opaque = new Set<A.Expr>();
  visitExpr(e, (node) => {
    if ((node.kind === "Lambda" || node.kind === "Comprehension") && !opaque.has(node)) {
      visitExpr(node, (inner) => void opaque.add(inner));
    }
    if (node.kind !== "Call") return;
    const callee = resolve(node, place);
    if (callee) record(callee, passedValues(callee, node, opaque.has(node) ? undefined : place.analysis, moduleAnalysis));
  });
}

/** What one call passes to each named parameter of its callee; everything unknown without an analysis. */
function passedValues(
  callee: Callee,
  call: A.Call,
  analysis: Analysis | undefined,
  moduleAnalysis: Analysis,
): Map<string, Info> {
  const params = callee.f.params.slice(callee.skip);
  const passed = new Map<string, Info>();
  const unpacked = call.args.some((a) => a.star) || !analysis;
  const firstStar = params.findIndex((p) => p.star);
  const positional = firstStar < 0 ? params : params.slice(0, firstStar);
  let k = 0;
  for (const a of call.args) {
    if (unpacked) break;
    if (a.name) {
      if (params.some((p) => p.name === a.name && !p.star)) passed.set(a.name, analysis.info(a.value));
    } else if (k < positional.length) passed.set(positional[k++].name, analysis.info(a.value));
  }
  for (const p of params) {
    if (!p.name || passed.has(p.name)) continue;
    passed.set(p.name, p.star || unpacked || !p.default ? undefined : moduleAnalysis.info(p.default));
  }
  return passed;
}

/**
 * The local names of a body bound only to instances of one in-file class:
 * `block = Block(...)`, or `layer` in `for layer in self.layers` over a list
 * attribute of one class.
 */
function localInstances(
  body: readonly A.Stmt[],
  classes: ReadonlyMap<string, ClassInfo>,
  cls: ClassInfo | undefined,
): Map<string, string> {
  const bound = new Map<string, string | null>();
  const bind = (name: string, to: string | undefined) => {
    bound.set(name, to && (!bound.has(name) || bound.get(name) === to) ? to : null);
  };
  const visit = (stmts: readonly A.Stmt[]) => {
    for (const s of stmts) {
      if (s.kind === "Assign") {
        for (const t of s.targets) {
          if (t.kind !== "Name") continue;
          const made = s.value && s.targets.length === 1 ? constructed(s.value, classes) : undefined;
          bind(t.id, made && !made.list ? made.cls : undefined);
        }
      } else if (s.kind === "For" && s.target.kind === "Name") {
        const path = A.dottedPath(s.iter);
        const attribute = cls && path && /^self\.[A-Za-z_]\w*$/.test(path) ? cls.attributes.get(path.slice(5)) : null;
        bind(s.target.id, attribute?.list ? attribute.cls : undefined);
      }
      for (const b of innerBlocks(s)) visit(b);
    }
  };
  visit(body);
  const instances = new Map<string, string>();
  for (const [name, to] of bound) if (to) instances.set(name, to);
  return instances;
}

/**
 * The module-level functions and the methods used other than by a direct
 * call (passed to `jax.vmap`, `partial`, stored): what they receive is not
 * the module's to see.
 */
function escapedCallables(body: readonly A.Stmt[], functions: ReadonlyMap<string, A.FunctionDef>): Set<A.FunctionDef> {
  const methods = new Map<string, A.FunctionDef[]>();
  for (const s of body) {
    if (s.kind !== "ClassDef") continue;
    for (const m of s.body) if (m.kind === "FunctionDef") methods.set(m.name, [...(methods.get(m.name) ?? []), m]);
  }
  const escaped = new Set<A.FunctionDef>();
  everyStatement(body, (s) => {
    for (const e of statementExprs(s)) {
      const called = new Set<A.Expr>();
      visitExpr(e, (node) => {
        if (node.kind === "Call") return void called.add(node.func);
        if (called.has(node)) return;
        if (node.kind === "Name" && functions.has(node.id)) escaped.add(functions.get(node.id)!);
        const path = node.kind === "Attribute" ? A.dottedPath(node) : undefined;
        if (path && /^self\.[A-Za-z_]\w*$/.test(path)) for (const m of methods.get(path.slice(5)) ?? []) escaped.add(m);
      });
    }
  });
  return escaped;
}

/** True when two rounds found the same hints. */
function sameHints(a: CallHints, b: CallHints): boolean {
  if (a.size !== b.size) return false;
  for (const [f, params] of a) {
    const other = b.get(f);
    if (!other || other.size !== params.size) return false;
    for (const [name, info] of params) if (!other.has(name) || !sameInfo(other.get(name), info)) return false;
  }
  return true;
}
