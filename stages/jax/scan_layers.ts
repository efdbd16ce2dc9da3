/**
 * Flax NNX's "scan over layers" pattern, written as the targets' users write
 * it, before the `jax` stage reads the module: a function under
 * `nnx.vmap` (with `nnx.split_rngs(splits=n)` or `axis_size=n`) that builds one
 * Module from a split `Rngs` becomes `nnx.List([<the Module> for _ in range(n)])`
 * (n independent layers), and a function under `nnx.scan` becomes a plain
 * loop over its scanned arguments (a list of layers, or arrays indexed along
 * their first axis) threading the `nnx.Carry` argument, the per-step outputs
 * stacked with `jnp.stack` where `out_axes=(nnx.Carry, 0)`. `nnx.split_rngs`
 * around `nnx.scan` is dropped: each target layer draws from its own
 * generators. The forms it cannot translate are diagnostics naming the
 * argument; `load_flax_state` splits the stacked Flax parameters (leading
 * axis: the layer) into the layers.
 *
 * @module
 */
import * as A from "../ast.ts";
import { type Diagnostic, error } from "../diagnostics.ts";
import { type Bindings, importBindings, qualifiedName } from "./imports.ts";
import { mapBody, mapExpr, visitExpr } from "../walk.ts";
import { arrayTable } from "../jax_frontend/tables/array.ts";

const NNX = "flax.nnx";
/** `nnx.scan` keywords that change nothing on the targets (`unroll`, and Flax's graph options) or are checked. */
const SCAN_KEYWORDS = new Set([
  "in_axes",
  "out_axes",
  "length",
  "reverse",
  "unroll",
  "_split_transpose",
  "transform_metadata",
  "graph",
  "graph_updates",
]);
const VMAP_KEYWORDS = new Set([
  "in_axes",
  "out_axes",
  "axis_size",
  "axis_name",
  "spmd_axis_name",
  "transform_metadata",
  "graph",
  "graph_updates",
]);

/**
 * Rewrites the module's scan-over-layers functions (see the module doc).
 *
 * @param module The parsed user module.
 * @returns The module with those functions rewritten, and the diagnostics of the forms that are not translated.
 * @example
 * ```ts
 * scanLayers(parse("@nnx.scan(in_axes=(nnx.Carry, 0), out_axes=nnx.Carry)\ndef f(x, b):\n    return b(x)\n").ir);
 * // def f(x, bs: nnx.List):  for b in bs: x = b(x)  return x
 * ```
 */
export function scanLayers(module: A.Module): { module: A.Module; diagnostics: Diagnostic[] } {
  const rewriter = new ScanLayers(importBindings(module.body));
  if (!rewriter.mentionsTransforms()) return { module, diagnostics: [] };
  const body = mapBody(module.body, {
    expr: (e) => mapExpr(e, (x) => rewriter.vmapCall(x)),
    stmt: (s) => (s.kind === "FunctionDef" ? rewriter.functionDef(s) : [s]),
  });
  return { module: { kind: "Module", body }, diagnostics: rewriter.diagnostics };
}

/** A transform decorator or call: which one, its keywords, and the layer count `nnx.split_rngs` gives. */
interface Transform {
  readonly which: "vmap" | "scan";
  readonly call: A.Call | undefined;
  readonly keywords: ReadonlyMap<string, A.Expr>;
  readonly splits?: A.Expr;
  readonly loc: A.Loc;
}

class ScanLayers {
  readonly diagnostics: Diagnostic[] = [];
  /** The local name of `flax.nnx` and of `jax.numpy`, for the `nnx.List` and `jnp.stack` the rewrite writes. */
  readonly nnx?: string;
  readonly jnp?: string;

  constructor(readonly bindings: Bindings) {
    for (const [local, q] of bindings) {
      if (q === NNX) this.nnx ??= local;
      if (q === "jax.numpy") this.jnp ??= local;
    }
  }

  qualified(e: A.Expr): string | undefined {
    return qualifiedName(e, this.bindings, () => false);
  }

  /** True when the module refers to `nnx.vmap` or `nnx.scan` at all (most modules do not: nothing to walk). */
  mentionsTransforms(): boolean {
    return [...this.bindings.values()].some((q) => q === NNX || q === `${NNX}.vmap` || q === `${NNX}.scan`);
  }

  report(loc: A.Loc, message: string): void {
    this.diagnostics.push(error(loc, message));
  }

  /** `nnx.vmap(...)`/`nnx.scan(...)`/`nnx.split_rngs(...)` (or the bare name): which, and its keywords. */
  transformOf(e: A.Expr): { which: "vmap" | "scan" | "split_rngs"; call?: A.Call } | undefined {
    const call = e.kind === "Call" ? e : undefined;
    const q = this.qualified(call ? call.func : e);
    const which = q?.startsWith(`${NNX}.`) ? q.slice(NNX.length + 1) : undefined;
    return which === "vmap" || which === "scan" || which === "split_rngs" ? { which, call } : undefined;
  }

  keywords(call: A.Call | undefined, skip: number): Map<string, A.Expr> | undefined {
    const out = new Map<string, A.Expr>();
    for (const a of call?.args.slice(skip) ?? []) {
      if (!a.name || a.star) return undefined;
      out.set(a.name, a.value);
    }
    return out;
  }

  /** The transform of a decorated function's decorators, and the decorators kept; undefined when there is none. */
  decorated(f: A.FunctionDef): { transform: Transform; kept: A.Expr[] } | undefined {
    let found: { which: "vmap" | "scan"; call?: A.Call; loc: A.Loc } | undefined;
    let splits: A.Expr | undefined;
    const kept: A.Expr[] = [];
    for (const d of f.decorators) {
      const t = this.transformOf(d);
      if (t?.which === "split_rngs") splits = t.call?.args.find((a) => a.name === "splits")?.value;
      else if (t && !found) found = { which: t.which, call: t.call, loc: d.loc };
      else kept.push(d);
    }
    if (!found) return undefined;
    const keywords = this.keywords(found.call, 0);
    if (!keywords) {
      this.report(found.loc, `\`flax.nnx.${found.which}\`: only keyword arguments are translated`);
      return { transform: { ...found, call: found.call, keywords: new Map(), loc: found.loc }, kept };
    }
    return { transform: { which: found.which, call: found.call, keywords, splits, loc: found.loc }, kept };
  }

  functionDef(f: A.FunctionDef): A.Stmt[] {
    const d = this.decorated(f);
    if (!d) return [f];
    if (d.transform.which === "vmap" && !this.buildsLayers(d.transform, f.params)) {
      // over arrays: `def f` then `f = nnx.vmap(f, ...)`, the `nnx.vmap` row's form
      if (d.transform.splits) {
        this.report(d.transform.loc, "`flax.nnx.split_rngs` of a function of arrays is not translated");
      }
      const vmap = d.transform.call!;
      const wrapped: A.Call = { ...vmap, args: [{ value: A.name(f.name, f.loc) }, ...vmap.args] };
      return [{ ...f, decorators: d.kept }, {
        kind: "Assign",
        targets: [A.name(f.name, f.loc)],
        value: wrapped,
        loc: f.loc,
      }];
    }
    const before = this.diagnostics.length;
    const rewritten = d.transform.which === "vmap"
      ? this.layerConstruction(f, d.transform, d.kept)
      : this.layerLoop(f, d.transform, d.kept);
    // a form that is not translated is its diagnostic alone, not also the unknown transform's
    return [rewritten && this.diagnostics.length === before ? rewritten : { ...f, decorators: d.kept }];
  }

  /** Whether a vmapped function builds layers: it splits an `Rngs`, or takes one. */
  buildsLayers(t: Transform, params: readonly A.Param[], args?: readonly A.Arg[]): boolean {
    return t.splits !== undefined || params.some((p, i) => this.isRngs(p, args?.[i]?.value));
  }

  /** A parameter that is an `Rngs`: so named or annotated, or given `rngs`. */
  isRngs(p: A.Param, arg?: A.Expr): boolean {
    return p.name === "rngs" || (p.annotation !== undefined && this.qualified(p.annotation) === `${NNX}.Rngs`) ||
      (arg?.kind === "Name" && arg.id === "rngs");
  }

  /** Unknown keywords of a transform, reported; true when there is none. */
  knownKeywords(t: Transform, known: ReadonlySet<string>): boolean {
    const unknown = [...t.keywords.keys()].filter((k) => !known.has(k));
    for (const k of unknown) this.report(t.loc, `\`flax.nnx.${t.which}\`: the argument \`${k}\` is not translated`);
    return unknown.length === 0;
  }

  /** The layer count: `axis_size=` or `nnx.split_rngs(splits=)`. */
  layerCount(t: Transform): A.Expr | undefined {
    const n = t.keywords.get("axis_size") ?? t.splits;
    if (!n) {
      this.report(
        t.loc,
        "`flax.nnx.vmap` building layers: give the layer count as `nnx.split_rngs(splits=n)` or `axis_size=n`",
      );
    }
    return n;
  }

  /** `nnx.List([expr for _ in range(n)])` */
  layerList(expr: A.Expr, n: A.Expr, loc: A.Loc): A.Expr | undefined {
    if (!this.nnx) {
      this.report(loc, "`flax.nnx.vmap` building layers: import `nnx` (`from flax import nnx`) for its `nnx.List`");
      return undefined;
    }
    const comprehension: A.Comprehension = {
      kind: "Comprehension",
      brackets: "[]",
      elt: expr,
      generators: [{ target: A.name("_"), iter: call(A.name("range"), [n]), conditions: [] }],
      loc,
    };
    return call(A.dotted(`${this.nnx}.List`, loc), [comprehension]);
  }

  /**
   * Whether each parameter is the layers' `Rngs` (axis 0) or broadcast (None): the only `in_axes` of a
   * layer construction that are translated.
   */
  constructionAxes(t: Transform, params: readonly A.Param[], args?: readonly A.Arg[]): boolean {
    const axes = axesPerParam(t.keywords.get("in_axes"), params.length);
    let ok = true;
    params.forEach((p, i) => {
      const axis = axes[i];
      if (isZero(axis) && this.isRngs(p, args?.[i]?.value)) return;
      if (axis === undefined || isNone(axis)) return;
      ok = false;
      this.report(
        axis.loc,
        `\`flax.nnx.vmap\` building layers: \`in_axes\` ${describe(axis)} of \`${p.name}\` is not translated ` +
          "(only 0 on the split `Rngs` and None on the other arguments)",
      );
    });
    const out = t.keywords.get("out_axes");
    if (out && !isZero(out)) {
      ok = false;
      this.report(out.loc, "`flax.nnx.vmap` building layers: only `out_axes=0` is translated");
    }
    return ok;
  }

  /** The vmapped constructor `def f(rngs): return Block(rngs=rngs)` as `return nnx.List([Block(...) for ...])`. */
  layerConstruction(f: A.FunctionDef, t: Transform, kept: A.Expr[]): A.FunctionDef | undefined {
    if (!this.knownKeywords(t, VMAP_KEYWORDS) || !this.constructionAxes(t, f.params)) return undefined;
    const n = this.layerCount(t);
    const body = f.body.filter((s) => !isDocstring(s));
    const ret = body.length === 1 && body[0].kind === "Return" ? body[0] : undefined;
    if (!ret?.value) {
      this.report(t.loc, "`flax.nnx.vmap` building layers: the function's body must be one `return <Module>(...)`");
      return undefined;
    }
    const list = n && this.layerList(ret.value, n, ret.loc);
    if (!list) return undefined;
    const docstrings = f.body.filter(isDocstring);
    return {
      ...f,
      decorators: kept,
      returns: A.dotted(`${this.nnx}.List`, f.loc),
      body: [...docstrings, { ...ret, value: list }],
    };
  }

  /**
   * `nnx.vmap(lambda rngs: Block(rngs=rngs), axis_size=n)(rngs)`, or the lambda's vmap under
   * `nnx.split_rngs(splits=n)(...)`, as `nnx.List([Block(rngs=rngs) for _ in range(n)])`.
   */
  vmapCall(e: A.Expr): A.Expr {
    if (e.kind !== "Call" || e.func.kind !== "Call") return e;
    let inner: A.Call = e.func;
    let splits: A.Expr | undefined;
    const outer = this.transformOf(inner.func);
    if (outer?.which === "split_rngs" && inner.args[0]?.value.kind === "Call" && !inner.args[0].name) {
      splits = outer.call?.args.find((a) => a.name === "splits")?.value;
      inner = inner.args[0].value;
    }
    const t = this.transformOf(inner.func);
    const fn = inner.args[0];
    if (t?.which !== "vmap" || t.call || !fn || fn.name || fn.value.kind !== "Lambda") return e;
    const keywords = this.keywords(inner, 1);
    if (!keywords) return e;
    const transform: Transform = { which: "vmap", call: inner, keywords, splits, loc: inner.loc };
    const lambda = fn.value;
    // over arrays: the `nnx.vmap` row (`jax.vmap`'s translation)
    if (!this.buildsLayers(transform, lambda.params, e.args)) return e;
    if (e.args.length !== lambda.params.length || e.args.some((a) => a.name || a.star)) {
      this.report(e.loc, "`flax.nnx.vmap` building layers: call the lambda with one positional argument per parameter");
      return e;
    }
    if (!this.knownKeywords(transform, VMAP_KEYWORDS) || !this.constructionAxes(transform, lambda.params, e.args)) {
      return e;
    }
    const n = this.layerCount(transform);
    const given = new Map(lambda.params.map((p, i) => [p.name, e.args[i].value]));
    const body = mapExpr(lambda.body, (x) => (x.kind === "Name" && given.has(x.id) ? given.get(x.id)! : x));
    return (n && this.layerList(body, n, e.loc)) ?? e;
  }

  /** The scanned function as a loop over its scanned arguments (see the module doc). */
  layerLoop(f: A.FunctionDef, t: Transform, kept: A.Expr[]): A.FunctionDef | undefined {
    const before = this.diagnostics.length;
    if (!this.knownKeywords(t, SCAN_KEYWORDS)) return undefined;
    const params = f.params;
    if (params.some((p) => p.star || p.default)) {
      this.report(t.loc, "`flax.nnx.scan`: only a function of positional parameters without defaults is translated");
      return undefined;
    }
    const inAxes = t.keywords.get("in_axes");
    const axes = inAxes ? axesPerParam(inAxes, params.length) : params.map((_, i) => (i === 0 ? CARRY : ZERO));
    const carries = params.filter((_, i) => this.isCarry(axes[i]));
    const scanned = params.filter((_, i) => isZero(axes[i]));
    params.forEach((p, i) => {
      const a = axes[i];
      if (a && !this.isCarry(a) && !isZero(a) && !isNone(a)) {
        this.report(
          a.loc,
          `\`flax.nnx.scan\`: \`in_axes\` ${describe(a)} of \`${p.name}\` is not translated ` +
            "(only nnx.Carry, 0 and None)",
        );
      }
    });
    if (this.diagnostics.length > before) return undefined;
    if (carries.length !== 1 || scanned.length === 0) {
      this.report(
        t.loc,
        "`flax.nnx.scan`: only one `nnx.Carry` argument and at least one scanned (0) one are translated",
      );
    }
    const out = t.keywords.get("out_axes");
    const stacked = out === undefined ||
      (out.kind === "Tuple" && out.elts.length === 2 && this.isCarry(out.elts[0]) && isZero(out.elts[1]));
    if (out !== undefined && !stacked && !this.isCarry(out)) {
      this.report(out.loc, "`flax.nnx.scan`: only `out_axes=nnx.Carry` and `(nnx.Carry, 0)` are translated");
    }
    const reverse = t.keywords.get("reverse");
    if (reverse && !(reverse.kind === "Constant" && typeof reverse.value === "boolean")) {
      this.report(reverse.loc, "`flax.nnx.scan`: `reverse` must be True or False");
    }
    const last = f.body.at(-1);
    const returns = countReturns(f.body);
    const result = last?.kind === "Return" ? last.value : undefined;
    const pair = result?.kind === "Tuple" && result.elts.length === 2 ? result.elts : undefined;
    if (!result || returns !== 1 || (stacked && !pair)) {
      this.report(
        t.loc,
        `\`flax.nnx.scan\`: the function must end with its only \`return\`, of \`${
          stacked ? "carry, output" : "carry"
        }\``,
      );
    }
    if (stacked && !this.jnp) this.report(t.loc, "`flax.nnx.scan`: import `jax.numpy` for the stacked outputs");
    if (this.diagnostics.length > before) return undefined;
    const taken = namesIn(f);
    const fresh = (base: string) => {
      let name = base;
      for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
      taken.add(name);
      return name;
    };
    const isModule = new Map(scanned.map((p) => [p.name, this.usedAsModule(p.name, f.body)]));
    const lists = new Map(scanned.map((p) => [p.name, fresh(`${p.name}s`)]));
    const carry = carries[0].name;
    const backwards = reverse?.kind === "Constant" && reverse.value === true;
    const loc = f.loc;
    const nameOf = (id: string) => A.name(id, loc);
    // the loop: over the one list of layers, or over the steps' index
    const [first] = scanned;
    const single = scanned.length === 1 && isModule.get(first.name);
    let target: A.Expr;
    let iter: A.Expr;
    const prelude: A.Stmt[] = [];
    if (single) {
      target = nameOf(first.name);
      iter = nameOf(lists.get(first.name)!);
    } else {
      const i = fresh("i");
      target = nameOf(i);
      const length = isModule.get(first.name)
        ? call(nameOf("len"), [nameOf(lists.get(first.name)!)])
        : sub(attr(nameOf(lists.get(first.name)!), "shape"), int(0));
      iter = call(nameOf("range"), [length]);
      for (const p of scanned) prelude.push(assign(nameOf(p.name), sub(nameOf(lists.get(p.name)!), nameOf(i))));
    }
    if (backwards) iter = call(nameOf("reversed"), [iter]);
    const ys = stacked ? fresh("ys") : undefined;
    const step: A.Stmt[] = [...prelude, ...f.body.slice(0, -1)];
    const [next, y] = stacked ? pair! : [result!, undefined];
    const isCarry = next.kind === "Name" && next.id === carry;
    if (y && isCarry) step.push(exprStmt(call(attr(nameOf(ys!), "append"), [y])));
    else if (y) {
      const out = fresh("y");
      step.push(assign(tuple([nameOf(carry), nameOf(out)]), tuple([next, y])));
      step.push(exprStmt(call(attr(nameOf(ys!), "append"), [nameOf(out)])));
    } else if (!isCarry) step.push(assign(nameOf(carry), next));
    const loop: A.For = { kind: "For", target, iter, body: step, loc };
    const stackedYs = ys &&
      call(A.dotted(`${this.jnp}.stack`, loc), [
        backwards ? sub(nameOf(ys), { kind: "Slice", step: int(-1), loc }) : nameOf(ys),
      ]);
    const ret: A.Return = { kind: "Return", value: stackedYs ? tuple([nameOf(carry), stackedYs]) : nameOf(carry), loc };
    return {
      ...f,
      decorators: kept,
      params: params.map((p) =>
        lists.has(p.name)
          ? {
            ...p,
            name: lists.get(p.name)!,
            annotation: isModule.get(p.name) && this.nnx ? A.dotted(`${this.nnx}.List`, loc) : p.annotation,
          }
          : p
      ),
      body: [...(ys ? [assign(nameOf(ys), { kind: "List", elts: [], loc })] : []), loop, ret],
    };
  }

  isCarry(e: A.Expr | undefined): boolean {
    return e !== undefined && (e === CARRY || this.qualified(e) === `${NNX}.Carry`);
  }

  /**
   * Whether a scanned parameter is a layer: the body calls it (`block(x)`) or reads an attribute that no
   * array has (`block.attention(x)`). Otherwise it is an array, indexed along its first axis.
   */
  usedAsModule(name: string, body: readonly A.Stmt[]): boolean {
    let found = false;
    forEachExpr(body, (e) => {
      if (e.kind === "Call" && e.func.kind === "Name" && e.func.id === name) found = true;
      if (e.kind === "Attribute" && e.value.kind === "Name" && e.value.id === name && !(e.attr in arrayTable)) {
        found = true;
      }
    });
    return found;
  }
}

/** The in_axes of the parameters: a tuple's items, or one value for all. */
function axesPerParam(inAxes: A.Expr | undefined, n: number): (A.Expr | undefined)[] {
  if (inAxes === undefined) return Array(n).fill(ZERO);
  if (inAxes.kind === "Tuple" || inAxes.kind === "List") return Array.from({ length: n }, (_, i) => inAxes.elts[i]);
  return Array(n).fill(inAxes);
}

const ZERO: A.Expr = { kind: "Constant", value: 0, raw: "0", loc: A.NO_LOC };
const CARRY: A.Expr = A.name("Carry");
const isZero = (e?: A.Expr) => e?.kind === "Constant" && e.value === 0 && !e.isString;
const isNone = (e?: A.Expr) => e?.kind === "Constant" && e.value === null;
const describe = (e: A.Expr) => (e.kind === "Constant" ? `\`${e.raw ?? String(e.value)}\`` : "of this form");
const isDocstring = (s: A.Stmt) => s.kind === "ExprStmt" && s.value.kind === "Constant" && s.value.isString === true;

const int = (n: number): A.Expr => ({ kind: "Constant", value: n, raw: String(n), loc: A.NO_LOC });
const call = (func: A.Expr, args: A.Expr[]): A.Call => ({
  kind: "Call",
  func,
  args: args.map((value) => ({ value })),
  loc: func.loc,
});
const attr = (value: A.Expr, name: string): A.Expr => ({ kind: "Attribute", value, attr: name, loc: value.loc });
const sub = (value: A.Expr, index: A.Expr): A.Expr => ({ kind: "Subscript", value, index, loc: value.loc });
const tuple = (elts: A.Expr[]): A.Expr => ({ kind: "Tuple", elts, loc: elts[0].loc });
const assign = (target: A.Expr, value: A.Expr): A.Stmt => ({
  kind: "Assign",
  targets: [target],
  value,
  loc: target.loc,
});
const exprStmt = (value: A.Expr): A.Stmt => ({ kind: "ExprStmt", value, loc: value.loc });

/** Calls `f` on every expression node of a block, nested functions and lambdas included. */
function forEachExpr(body: readonly A.Stmt[], f: (e: A.Expr) => void): void {
  mapBody(body, { expr: (e) => (visitExpr(e, f), e) });
}

/** The `return`s of a function body, not counting nested functions'. */
function countReturns(body: readonly A.Stmt[]): number {
  let n = 0;
  for (const s of body) {
    if (s.kind === "Return") n++;
    else if (s.kind === "If") n += countReturns(s.body) + countReturns(s.orelse);
    else if (s.kind === "For" || s.kind === "While" || s.kind === "With") n += countReturns(s.body);
  }
  return n;
}

/** Every name a function binds or reads, its parameters included (what a fresh name must avoid). */
function namesIn(f: A.FunctionDef): Set<string> {
  const names = new Set(f.params.map((p) => p.name));
  forEachExpr(f.body, (e) => {
    if (e.kind === "Name") names.add(e.id);
  });
  return names;
}
