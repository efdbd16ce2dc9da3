/**
 * What a module's own call sites pass to its functions and methods: the
 * dtype analysis is per function (a parameter is an array of unknown dtype),
 * so an int32 `positions` made in `Model.__call__` and passed through
 * `self.attn(x, positions)` into `apply_rope(q, positions)` is unknown there.
 * `CallSites` joins, for every parameter, what each call site in the
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
 * The other way, a call of such a callee gives what its `return`s have in
 * common: analysed as today (true for any caller) in the analysis, and with
 * the hints in the hinted one; a float32 layer attribute's call
 * (`self.fc(x)`) gives float32.
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
  /**
   * `self.<name>` to the in-file class (or float32 layer, `ivy.Linear`) it holds an instance (or a list of
   * instances) of; null when it varies.
   */
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

/**
 * The in-file class (or float32 layer, `ivy.Linear`) `e` constructs
 * (`Block(...)`), or a list of (`ivy.List([Block(...) for _ in ...])`).
 */
function constructed(e: A.Expr, classes: ReadonlyMap<string, ClassInfo>): { cls: string; list: boolean } | undefined {
  if (e.kind === "Call" && e.func.kind === "Name" && classes.has(e.func.id)) return { cls: e.func.id, list: false };
  const layer = e.kind === "Call" ? A.dottedPath(e.func) : undefined;
  if (layer && FLOAT_LAYERS.has(layer)) return { cls: layer, list: false };
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
        const name = selfAttribute(t);
        if (!name) continue;
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

/** What a walk of one function body (or the module's) knows besides its analysis. */
interface Place {
  /** The class whose method (or a function nested in one) this is. */
  readonly cls?: ClassInfo;
  /** Local names bound only to instances of an in-file class. */
  readonly instances: ReadonlyMap<string, string>;
}

/**
 * The module's own calls: what its call sites pass to each function's and
 * method's parameters (`hints`), and what each call gives (its callee's
 * return values, or a layer's float32 output), as scopes' `calls`.
 */
export class CallSites {
  /** The parameters' joined values of every function and method the module calls. */
  hints: CallHints = new Map();
  readonly #classes: Map<string, ClassInfo>;
  readonly #functions = new Map<string, A.FunctionDef>();
  /** The module-level functions and methods used other than by a direct call (`jax.vmap(f)`, `partial(f)`). */
  readonly #escaped = new Set<A.FunctionDef>();
  /** Methods by name, any class's (what `self.<name>` used as a value may be). */
  readonly #methods = new Map<string, A.FunctionDef[]>();
  readonly #moduleScope: Scope;
  /** Each function's return value, analysed without hints (true for any caller) and with them. */
  readonly #returns = new Map<A.FunctionDef, Info>();
  readonly #hintedReturns = new Map<A.FunctionDef, Info>();
  readonly #places = new Map<A.FunctionDef, Place>();
  /** The module's functions and methods each function calls. */
  readonly #callees = new Map<A.FunctionDef, Set<A.FunctionDef>>();
  /** The last round's analysis of each function (`hinted` set where it can differ). */
  #analyses = new Map<A.FunctionDef, Analysis>();

  /**
   * @param body The ivy IR's top-level statements.
   * @param moduleScope The module's scope, its names bound; given the module's `calls`.
   * @param classScope The scope of a top-level class (its Variable values and plain attributes).
   * @example An int32 array passed to a helper
   * ```ts
   * const body = parse("import ivy\ndef f(p):\n    return p\ny = f(ivy.arange(3, dtype=ivy.int32))\n").ir.body;
   * const scope = new Scope();
   * collectBindings(body, new Analysis(scope));
   * new CallSites(body, scope, (cls) => variableValues(cls, scope, new Set())).hints;
   * // Map { f => Map { "p" => { array: true, dtype: "int32" } } }
   * ```
   */
  constructor(body: readonly A.Stmt[], moduleScope: Scope, classScope: (cls: A.ClassDef) => Scope) {
    this.#moduleScope = moduleScope;
    this.#classes = classInfos(body);
    const topNames = new Map<string, number>();
    for (const s of body) {
      const names = s.kind === "FunctionDef" || s.kind === "ClassDef"
        ? [s.name]
        : s.kind === "Assign"
        ? s.targets.flatMap((t) => (t.kind === "Name" ? [t.id] : []))
        : [];
      for (const n of names) topNames.set(n, (topNames.get(n) ?? 0) + 1);
      if (s.kind === "FunctionDef") this.#functions.set(s.name, s);
    }
    for (const [name, count] of topNames) if (count > 1) this.#functions.delete(name);
    for (const info of this.#classes.values()) {
      for (const m of info.def.body) {
        if (m.kind === "FunctionDef") this.#methods.set(m.name, [...(this.#methods.get(m.name) ?? []), m]);
      }
    }
    const modulePlace: Place = { instances: localInstances(body, this.#classes, undefined) };
    moduleScope.calls = (call, scope) => this.#result(call, scope, modulePlace, false);
    // every function of the module with its class's (or the module's) scope and its enclosing function, outermost first
    const all: { f: A.FunctionDef; outer: () => Scope; enclosing?: A.FunctionDef; isMethod: boolean }[] = [];
    const gather = (
      stmts: readonly A.Stmt[],
      outer: () => Scope,
      enclosing: A.FunctionDef | undefined,
      cls?: ClassInfo,
    ) => {
      for (const s of stmts) {
        for (const b of innerBlocks(s)) gather(b, outer, enclosing, cls);
        if (s.kind === "FunctionDef") {
          this.#places.set(s, { cls, instances: localInstances(s.body, this.#classes, cls) });
          all.push({ f: s, outer, enclosing, isMethod: false });
          gather(s.body, outer, s, cls);
        } else if (s.kind === "ClassDef") {
          const info = this.#classes.get(s.name)?.def === s ? this.#classes.get(s.name) : undefined;
          // a class nested in a function: its methods see the module's names only
          const scope = info ? () => classScope(s) : () => moduleScope;
          for (const m of s.body) {
            if (m.kind !== "FunctionDef") continue;
            this.#places.set(m, { cls: info, instances: localInstances(m.body, this.#classes, info) });
            all.push({ f: m, outer: scope, isMethod: true });
            gather(m.body, scope, m, info);
          }
        }
      }
    };
    gather(body, () => moduleScope, undefined);

    // Rounds until nothing changes. An analysis is kept from one round to the next while nothing it read changed:
    // `tick` counts the functions analysed, `*At` says when each input last changed.
    let tick = 0;
    const returnsAt = new Map<A.FunctionDef, number>();
    const hintedReturnsAt = new Map<A.FunctionDef, number>();
    const hintsAt = new Map<A.FunctionDef, number>();
    const builtAt = new Map<Analysis, number>();
    const moduleAnalysis = new Analysis(moduleScope);
    const sites = new Map<A.FunctionDef, Site[]>();
    const moduleSites = this.#sites(body, moduleScope, modulePlace);
    const callees = this.#callees;
    const fresh = (
      analysis: Analysis | undefined,
      f: A.FunctionDef,
      outside: Analysis | undefined,
      at: typeof returnsAt,
    ) => {
      const built = analysis && builtAt.get(analysis);
      if (built === undefined) return false;
      if (outside && builtAt.get(outside)! > built) return false;
      for (const g of callees.get(f) ?? []) if ((at.get(g) ?? -1) >= built) return false;
      return true;
    };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const found = new Map<A.FunctionDef, Map<string, Info>>();
      const record = (calls: readonly Site[], analysis: Analysis) => {
        for (const { call, callee, opaque } of calls) {
          if (callee.f.decorators.length > 0) continue;
          const passed = passedValues(callee, call, opaque ? undefined : analysis, moduleAnalysis);
          const before = found.get(callee.f);
          if (!before) found.set(callee.f, passed);
          else for (const [name, info] of passed) before.set(name, join(before.get(name), info));
        }
      };
      let changed = false;
      const update = (returns: Map<A.FunctionDef, Info>, at: typeof returnsAt, f: A.FunctionDef, info: Info) => {
        if (returns.has(f) && sameInfo(returns.get(f), info)) return;
        changed = true;
        returns.set(f, info);
        at.set(f, tick);
      };
      record(moduleSites, new Analysis(moduleScope));
      const analyses = new Map<A.FunctionDef, Analysis>();
      for (const { f, outer, enclosing, isMethod } of all) {
        tick++;
        const outside = enclosing ? analyses.get(enclosing)! : undefined;
        const [parent, hintedParent] = outside
          ? [outside.scope, (outside.hinted ?? outside).scope]
          : [outer(), outer()];
        const last = this.#analyses.get(f);
        let analysis = last;
        if (!fresh(last, f, outside, returnsAt)) {
          analysis = new Analysis(this.scope(f, parent, isMethod, false));
          collectBindings(f.body, analysis);
          builtAt.set(analysis, tick);
        }
        let hinted: Analysis | undefined;
        if (hintedParent !== parent || this.hintedMatters(f)) {
          hinted = last?.hinted;
          const hintsSeen = hinted && (hintsAt.get(f) ?? -1) < builtAt.get(hinted)!;
          if (!hintsSeen || !fresh(hinted, f, outside?.hinted ?? outside, hintedReturnsAt)) {
            hinted = new Analysis(this.scope(f, hintedParent, isMethod, true));
            collectBindings(f.body, hinted);
            builtAt.set(hinted, tick);
          }
        }
        analysis!.hinted = hinted;
        const returned = informative(returnValue(f.body, analysis!));
        update(this.#returns, returnsAt, f, returned);
        update(this.#hintedReturns, hintedReturnsAt, f, hinted ? informative(returnValue(f.body, hinted)) : returned);
        analyses.set(f, analysis!);
        if (!sites.has(f)) {
          const found = this.#sites(f.body, analysis!.scope, this.#places.get(f)!);
          sites.set(f, found);
          callees.set(f, new Set(found.map((site) => site.callee.f)));
        }
        record(sites.get(f)!, hinted ?? analysis!);
      }
      this.#analyses = analyses;
      // what is used as a value receives what the module does not see
      for (const f of this.#escaped) found.delete(f);
      tick++;
      for (const [f, passed] of found) if (!sameParams(passed, this.hints.get(f))) hintsAt.set(f, tick);
      for (const f of this.hints.keys()) if (!found.has(f)) hintsAt.set(f, tick);
      changed = !sameHints(found, this.hints) || changed;
      this.hints = found;
      if (!changed) break;
    }
  }

  /**
   * The analysis of a function's body (its names bound; `hinted`, the
   * analysis with its call sites' values, set where that can differ), with
   * the scopes that the rewrite reads.
   */
  analysis(f: A.FunctionDef): Analysis | undefined {
    return this.#analyses.get(f);
  }

  /**
   * True when the hinted analysis of `f` can differ from its analysis: it has
   * hints, or a function it calls returns what its hinted analysis says
   * otherwise (an enclosing function's hints aside).
   */
  hintedMatters(f: A.FunctionDef): boolean {
    if (this.hints.has(f)) return true;
    for (const g of this.#callees.get(f) ?? []) {
      if (!sameInfo(this.#returns.get(g), this.#hintedReturns.get(g))) return true;
    }
    return false;
  }

  /**
   * A function's scope (`functionScope`) whose calls give what this module's
   * callees return; with `hinted`, its parameters (and the returns it sees)
   * are as the module's call sites pass them.
   */
  scope(f: A.FunctionDef, parent: Scope, isMethod: boolean, hinted: boolean): Scope {
    const scope = functionScope(f, parent, isMethod, hinted ? this.hints.get(f) : undefined);
    const place = this.#places.get(f);
    if (place) scope.calls = (call, at) => this.#result(call, at, place, hinted);
    return scope;
  }

  /** What one call gives: its callee's return value, or a layer's output (float32, as the targets compute layers). */
  #result(call: A.Call, scope: Scope, place: Place, hinted: boolean): Info {
    if (layerCall(call, place)) return FLOAT32;
    const callee = this.#resolve(call, scope, place);
    return callee ? (hinted ? this.#hintedReturns : this.#returns).get(callee.f) : undefined;
  }

  /** The function or method a call reaches, if it is the module's. */
  #resolve(call: A.Call, scope: Scope, place: Place): Callee | undefined {
    const func = call.func;
    const callOf = (cls: string | undefined): Callee | undefined => {
      const f = cls ? this.#classes.get(cls)?.methods.get("__call__") : undefined;
      return f && { f, skip: 1 };
    };
    if (func.kind === "Name") {
      if (place.instances.has(func.id)) return callOf(place.instances.get(func.id));
      const f = this.#functions.get(func.id);
      return f && scope.where(func.id) === this.#moduleScope ? { f, skip: 0 } : undefined;
    }
    const name = selfAttribute(func.kind === "Subscript" ? func.value : func);
    if (!place.cls || !name) return undefined;
    const attribute = place.cls.attributes.get(name);
    if (func.kind === "Subscript") return attribute?.list ? callOf(attribute.cls) : undefined;
    const method = place.cls.methods.get(name);
    if (method && !place.cls.attributes.has(name)) return { f: method, skip: 1 };
    return attribute && !attribute.list ? callOf(attribute.cls) : undefined;
  }

  /** Marks the function or methods a name or `self.<name>` not called may be as used as a value. */
  #escape(node: A.Expr): void {
    if (node.kind === "Name" && this.#functions.has(node.id)) this.#escaped.add(this.#functions.get(node.id)!);
    const name = selfAttribute(node);
    for (const m of (name && this.#methods.get(name)) || []) this.#escaped.add(m);
  }

  /**
   * The calls of a body (nested blocks, not nested functions) that reach a
   * known callable; names of callables used other than by a call are marked.
   */
  #sites(stmts: readonly A.Stmt[], scope: Scope, place: Place, into: Site[] = []): Site[] {
    for (const st of stmts) {
      for (const e of statementExprs(st)) {
        // names a lambda or comprehension binds are not the scope's: their calls pass unknowns
        const opaque = new Set<A.Expr>();
        const called = new Set<A.Expr>();
        visitExpr(e, (node) => {
          if ((node.kind === "Lambda" || node.kind === "Comprehension") && !opaque.has(node)) {
            visitExpr(node, (inner) => void opaque.add(inner));
          }
          if (node.kind === "Call") {
            called.add(node.func);
            const callee = this.#resolve(node, scope, place);
            if (callee) into.push({ call: node, callee, opaque: opaque.has(node) });
          } else if (!called.has(node)) this.#escape(node);
        });
      }
      for (const b of innerBlocks(st)) this.#sites(b, scope, place, into);
    }
    return into;
  }
}

/** One call of a known callable; `opaque` when inside a lambda or comprehension. */
interface Site {
  readonly call: A.Call;
  readonly callee: Callee;
  readonly opaque: boolean;
}

const FLOAT32: Info = { array: true, dtype: "float32" };

/**
 * The layers whose output is float32 for an input of any dtype: the targets
 * compute layers in float32 (`dtype=`/`param_dtype=` other than float32 are
 * reported by `jax_frontend`), and JAX promotes the input with float32 kernels.
 */
const FLOAT_LAYERS = new Set([
  "ivy.Linear",
  "ivy.LinearGeneral",
  "ivy.Conv",
  "ivy.ConvTranspose",
  "ivy.Einsum",
  "ivy.LoRA",
  "ivy.LoRALinear",
  "ivy.Embed",
  "ivy.LayerNorm",
  "ivy.RMSNorm",
  "ivy.GroupNorm",
  "ivy.BatchNorm",
  "ivy.MultiHeadAttention",
]);

/** `self.<name>` (one attribute of `self`): the name; undefined for anything else. */
function selfAttribute(e: A.Expr): string | undefined {
  return e.kind === "Attribute" && e.value.kind === "Name" && e.value.id === "self" ? e.attr : undefined;
}

/** True for a call of a float32 layer attribute: `self.fc(x)`, `self.embed.attend(x)`, `self.convs[i](x)`. */
function layerCall(call: A.Call, place: Place): boolean {
  const func = call.func;
  const held = func.kind === "Subscript"
    ? func.value
    : func.kind === "Attribute" && func.attr === "attend"
    ? func.value
    : func;
  const name = selfAttribute(held);
  const attribute = name ? place.cls?.attributes.get(name) : undefined;
  if (!attribute || !FLOAT_LAYERS.has(attribute.cls)) return false;
  if (func.kind === "Subscript") return attribute.list;
  return !attribute.list && (held === func || attribute.cls === "ivy.Embed");
}

/** What a function body's `return` values have in common (nested functions' returns aside). */
function returnValue(body: readonly A.Stmt[], analysis: Analysis): Info {
  let found = false;
  let info: Info;
  const visit = (stmts: readonly A.Stmt[]) => {
    for (const s of stmts) {
      if (s.kind === "Return") {
        const value = s.value ? analysis.info(s.value) : undefined;
        info = found ? join(info, value) : value;
        found = true;
      }
      for (const b of innerBlocks(s)) visit(b);
    }
  };
  visit(body);
  return info;
}

/** An info kept as a call's result: an array (of a dtype or not) or a Python scalar of a known category. */
function informative(info: Info): Info {
  if (!info) return undefined;
  return info.array || info.category ? info : undefined;
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
        const name = selfAttribute(s.iter);
        const attribute = cls && name ? cls.attributes.get(name) : null;
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

/** True when two rounds found the same hints. */
function sameHints(a: CallHints, b: CallHints): boolean {
  if (a.size !== b.size) return false;
  for (const [f, params] of a) if (!sameParams(params, b.get(f))) return false;
  return true;
}

/** True when two rounds found the same values of one function's parameters. */
function sameParams(a: ReadonlyMap<string, Info>, b: ReadonlyMap<string, Info> | undefined): boolean {
  if (!b || a.size !== b.size) return false;
  for (const [name, info] of a) if (!b.has(name) || !sameInfo(b.get(name), info)) return false;
  return true;
}
