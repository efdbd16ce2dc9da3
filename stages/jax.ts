/**
 * The `jax` stage: user JAX/Flax source to the jax_frontend IR. It resolves
 * imports and aliases, replaces every JAX/Flax reference by its canonical
 * `jax_frontend.*` name, and turns array methods and `.at[]` updates into
 * explicit calls (`jax_frontend.Array.reshape(x, ...)`). Unknown APIs, and
 * methods on values whose kind cannot be told, become diagnostics.
 *
 * @module
 */
import * as A from "./ast.ts";
import { type Diagnostic, error } from "./diagnostics.ts";
import type { StageResult } from "./parse.ts";
import { type Bindings, importBindings, isAnnotationOnlyPath, isJaxPath, qualifiedName } from "./jax/imports.ts";
import { importProblem, moduleBindings, type PackageView } from "./jax/package.ts";
import { undefinedNames } from "./jax/names.ts";
import { scanLayers } from "./jax/scan_layers.ts";
import { paramKind, PYTHON_BUILTINS, Scope } from "./jax/infer.ts";
import {
  AT_METHODS,
  type ClassInfo,
  CONTAINER_METHODS,
  elementKind,
  KindAnalysis,
  METRIC_METHODS,
  MODULE_METHODS,
} from "./jax/analysis.ts";
import { frontendPath, isNamespace, lookupApi } from "./jax_frontend/registry.ts";
import { arrayTable } from "./jax_frontend/tables/array.ts";
import { type ApiRow, isAlias, type Kind } from "./jax_frontend/api.ts";
import { needsTransformOptimizer } from "./jax_frontend/tables/optax.ts";
import { dropStatements, mapBinaryChain } from "./walk.ts";
import { bindArgs, parseSignature } from "./signature.ts";
import { parseTemplate } from "./template.ts";
import { hasFloatResult } from "./ivy/results.ts";
import { arrangeImports, dropUnusedImports, referencedNames } from "./imports.ts";

/**
 * Runs the `jax` stage.
 *
 * @param module The user's module, as parsed.
 * @param view The input package the module belongs to, if any: what its imports from other modules are.
 * @returns The jax_frontend IR and its diagnostics.
 * @example Canonicalize an alias
 * ```ts
 * const { ir } = jaxStage(parse("import jax.numpy as jnp\ny = jnp.sum(jnp.ones(3))\n").ir);
 * printModule(ir); // "import jax_frontend\n\ny = jax_frontend.numpy.sum(jax_frontend.numpy.ones(3))\n"
 * ```
 */
export function jaxStage(source: A.Module, view?: PackageView): StageResult<A.Module> {
  // Flax's scan over layers, as a list of layers and a loop (before anything reads the module)
  const { module, diagnostics: scanDiagnostics } = scanLayers(source);
  let rewriter = new JaxRewriter(module, view, false);
  let body = rewriter.moduleBody();
  if (rewriter.functionalOptaxUse || rewriter.transformOptimizerUse) {
    // `tx.init(params)` / `tx.update(grads, state, params)`, or an optax transform no target optimizer class
    // computes: the module's optax transforms are functional ones, `nnx.Optimizer` steps the model with them
    rewriter = new JaxRewriter(module, view, true);
    body = rewriter.moduleBody();
  }
  return { ir: { kind: "Module", body }, diagnostics: [...scanDiagnostics, ...rewriter.diagnostics] };
}

/** The methods of an optax `GradientTransformation` that a functional training loop calls. */
const TRANSFORM_METHODS = new Set(["init", "update"]);

/** A call given keyword arguments only (no `**`), at least one. */
const namedOnly = (e: A.Call) => e.args.length > 0 && e.args.every((a) => a.name && !a.star);

/** `nnx.MultiMetric(loss=..., accuracy=...)` as `nnx.MultiMetric({"loss": ..., "accuracy": ...})`, its row's form. */
function packedMetrics(e: A.Call): A.Call {
  const named = e.args;
  const dict: A.Dict = {
    kind: "Dict",
    keys: named.map((a): A.Expr => ({ kind: "Constant", value: a.name!, isString: true, loc: a.value.loc })),
    values: named.map((a) => a.value),
    loc: e.loc,
  };
  return { ...e, args: [{ value: dict }] };
}

/**
 * The core op of a row lowered to that op applied to its only parameter,
 * `ivy.sqrt(x)`: an elementwise function of one array.
 */
function elementwiseUnaryOp(row: ApiRow): string | undefined {
  // a row returning something else (a metric object, a module) is no elementwise function
  if (typeof row.ivy !== "string" || (row.returns ?? "array") !== "array") return undefined;
  const sig = parseSignature(row.sig);
  const template = parseTemplate(row.ivy);
  if (sig.length !== 1 || template.kind !== "Call" || template.args.length !== 1) return undefined;
  const [arg] = template.args;
  const path = A.dottedPath(template.func);
  const isOwnParam = arg.value.kind === "Name" && arg.value.id === sig[0].name;
  return path?.startsWith("ivy.") && isOwnParam ? path.slice(4) : undefined;
}

/** Libraries built on JAX: an output that imported them would import JAX. */
const JAX_LIBRARIES = new Set([
  "chex",
  "orbax",
  "equinox",
  "haiku",
  "jraph",
  "distrax",
  "jaxopt",
  "treescope",
]);

class JaxRewriter {
  readonly diagnostics: Diagnostic[] = [];
  readonly bindings: Bindings;
  readonly analysis: KindAnalysis;
  usesFrontend = false;
  /** A field's JAX annotation became `Any`, which the module then imports from `typing`. */
  usesAny = false;
  /** The module calls `.init` / `.update` of an optax transform: it trains with the functional optax API. */
  functionalOptaxUse = false;
  /** The module builds an optax transform that only the functional transforms compute (`optax.lion`, ...). */
  transformOptimizerUse = false;

  /**
   * @param functionalOptax Whether optax transforms are written as functional `GradientTransformation`s
   *   (`jax_frontend.optax.functional.*`) rather than as `nnx.Optimizer`'s target optimizer classes.
   */
  constructor(
    readonly module: A.Module,
    readonly view: PackageView | undefined,
    readonly functionalOptax: boolean,
  ) {
    this.bindings = moduleBindings(module.body, view?.self);
    this.analysis = new KindAnalysis(module, this.bindings, (q) => view?.index.resolve(q));
  }

  kindOf(e: A.Expr, scope: Scope, cls?: ClassInfo): Kind {
    return this.analysis.kindOf(e, scope, cls);
  }

  isLocal(name: string, scope: Scope): boolean {
    return scope.has(name);
  }

  moduleBody(): A.Stmt[] {
    for (const n of undefinedNames(this.module)) {
      this.report(n.loc, `\`${n.id}\` is not defined: nothing imports, defines or assigns it`);
    }
    const scope = new Scope();
    for (const s of this.module.body) {
      if (s.kind === "FunctionDef" || s.kind === "ClassDef") scope.set(s.name, "callable");
    }
    const body = this.block(this.module.body, scope, undefined);
    // a dropped JAX annotation (`Optional[nnx.Linear]`) may leave its `typing` import unused
    const kept = dropUnusedImports(dropStatements(body, (s) => this.isJaxImport(s)), referencedNames(this.module.body));
    const frontendImport: A.Stmt = { kind: "Import", names: [{ name: "jax_frontend" }], loc: A.NO_LOC };
    const anyImport: A.Stmt = { kind: "ImportFrom", module: "typing", names: [{ name: "Any" }], loc: A.NO_LOC };
    const added = [
      ...(this.usesFrontend ? [frontendImport] : []),
      ...(this.usesAny && !importBindings(kept).has("Any") ? [anyImport] : []),
    ];
    return arrangeImports(kept, added);
  }

  isJaxImport(s: A.Stmt): boolean {
    const dropped = (path: string) => isJaxPath(path) || isAnnotationOnlyPath(path);
    if (s.kind === "Import") return s.names.every((a) => dropped(a.name));
    if (s.kind === "ImportFrom") return dropped(s.module);
    return false;
  }

  report(loc: A.Loc, message: string): void {
    this.diagnostics.push(error(loc, message));
  }

  // ---- statements --------------------------------------------------------

  block(body: readonly A.Stmt[], scope: Scope, cls: ClassInfo | undefined): A.Stmt[] {
    return body.flatMap((s) => {
      const out = this.statement(s, scope, cls);
      // `self.cache: Optional[nnx.Cache]` declares nothing once its JAX annotation is dropped, nor does an inlined
      // partial application
      const declaresNothing = out.kind === "Assign" && !out.value && !out.annotation;
      return declaresNothing ? [] : [out];
    });
  }

  statement(s: A.Stmt, scope: Scope, cls: ClassInfo | undefined): A.Stmt {
    const ex = (e: A.Expr) => this.expr(e, scope, cls);
    switch (s.kind) {
      case "FunctionDef": {
        scope.set(s.name, "callable");
        const inner = this.analysis.functionScope(s, scope, cls);
        return {
          ...s,
          params: s.params.map((p) => ({
            ...p,
            default: p.default ? ex(p.default) : undefined,
            annotation: p.annotation ? this.annotation(p.annotation, scope) : undefined,
          })),
          returns: s.returns ? this.annotation(s.returns, scope) : undefined,
          decorators: s.decorators.map(ex),
          body: this.block(s.body, inner, cls),
        };
      }
      case "ClassDef": {
        const info = this.analysis.classes.get(s.name);
        return {
          ...s,
          bases: s.bases.map((b) => ({ ...b, value: ex(b.value) })),
          decorators: s.decorators.map(ex),
          body: this.classBody(s.body, new Scope(scope), info),
        };
      }
      case "Assign": {
        const value = s.value ? ex(s.value) : undefined;
        if (s.value) {
          const kind = this.kindOf(s.value, scope, cls);
          this.analysis.bindAssignment(s.targets, s.value, kind, scope);
          // `linear = functools.partial(nnx.Linear, ...)` is inlined where `linear` is called
          const [target] = s.targets;
          const selfAttr = target.kind === "Attribute" && target.value.kind === "Name" && target.value.id === "self";
          const bound = target.kind === "Name"
            ? scope.partial(target.id)
            : selfAttr && cls
            ? cls.partials.get((target as A.Attribute).attr)
            : undefined;
          if (bound !== undefined && bound.loc === s.value.loc) {
            return { ...s, value: undefined, annotation: undefined }; // declares nothing: dropped by `block`
          }
        }
        const annotated: A.Stmt = {
          ...s,
          targets: s.targets.map(ex),
          value,
          annotation: s.annotation ? this.annotation(s.annotation, scope) : undefined,
        };
        return annotated;
      }
      case "AugAssign":
        return { ...s, target: ex(s.target), value: ex(s.value) };
      case "ExprStmt":
        return { ...s, value: ex(s.value) };
      case "Return":
        return { ...s, value: s.value ? ex(s.value) : undefined };
      case "If":
        return {
          ...s,
          test: ex(s.test),
          body: this.block(s.body, scope, cls),
          orelse: this.block(s.orelse, scope, cls),
        };
      case "For": {
        const iter = ex(s.iter);
        this.analysis.bindTarget(s.target, elementKind(this.kindOf(s.iter, scope, cls)), scope);
        return { ...s, target: ex(s.target), iter, body: this.block(s.body, scope, cls) };
      }
      case "While":
        return { ...s, test: ex(s.test), body: this.block(s.body, scope, cls) };
      case "With": {
        const items = s.items.map((item) => {
          if (item.target) this.analysis.bindTarget(item.target, this.kindOf(item.context, scope, cls), scope);
          return { context: ex(item.context), target: item.target && ex(item.target) };
        });
        return { ...s, items, body: this.block(s.body, scope, cls) };
      }
      case "Raise":
        return { ...s, exc: s.exc ? ex(s.exc) : undefined };
      case "Assert":
        return { ...s, test: ex(s.test), msg: s.msg ? ex(s.msg) : undefined };
      case "Import":
      case "ImportFrom":
        this.checkImport(s);
        return s;
      case "Simple":
        return s;
    }
  }

  /** Reports an import the output could not keep: of JAX and non-JAX modules at once, a JAX library, or nothing known. */
  checkImport(s: A.Import | A.ImportFrom): void {
    if (s.kind === "Import" && s.names.some((a) => isJaxPath(a.name)) && !this.isJaxImport(s)) {
      this.report(s.loc, "split this import: JAX and non-JAX modules in one `import` statement");
    }
    for (const module of s.kind === "Import" ? s.names.map((a) => a.name) : [s.module]) {
      const library = module.split(".")[0];
      if (JAX_LIBRARIES.has(library)) {
        this.report(s.loc, `\`${library}\` is built on JAX and has no translation: the output would import JAX`);
        return;
      }
    }
    const problem = importProblem(s, this.view);
    if (problem) this.report(s.loc, problem);
  }

  /**
   * Annotations are kept for Python types and dropped for JAX ones (`jax.Array`, `jnp.dtype`, jaxtyping's
   * `Float[Array, "b d"]`), whose meaning the target's values do not share.
   */
  annotation(e: A.Expr, scope: Scope): A.Expr | undefined {
    const isJaxType = (x: A.Expr): boolean => {
      const q = qualifiedName(x, this.bindings, (n) => this.isLocal(n, scope));
      if (q && (isJaxPath(q) || isAnnotationOnlyPath(q))) return true;
      if (x.kind === "Subscript") return isJaxType(x.value) || isJaxType(x.index);
      if (x.kind === "Tuple" || x.kind === "List") return x.elts.some(isJaxType);
      if (x.kind === "BinOp") return isJaxType(x.left) || isJaxType(x.right);
      return false;
    };
    return isJaxType(e) ? undefined : e;
  }

  /**
   * A class body's statements. A field (`x: jax.Array` in a NamedTuple or dataclass) needs its annotation to
   * stay a field: a dropped JAX annotation becomes `typing.Any`.
   */
  classBody(body: readonly A.Stmt[], scope: Scope, cls: ClassInfo | undefined): A.Stmt[] {
    return body.map((original) => {
      const rewritten = this.statement(original, scope, cls);
      if (original.kind !== "Assign" || rewritten.kind !== "Assign" || !original.annotation || rewritten.annotation) {
        return rewritten;
      }
      this.usesAny = true;
      return { ...rewritten, annotation: A.name("Any", original.annotation.loc) };
    });
  }

  // ---- expressions -------------------------------------------------------

  frontendRef(q: string, loc: A.Loc): A.Expr {
    let path = frontendPath(q);
    // nnx.Optimizer over functional transforms: their init / update step the model's parameters
    const functional = path === "nnx.Optimizer"
      ? "nnx.functional.Optimizer"
      : path.replace(/^optax\./, "optax.functional.");
    if (this.functionalOptax && /^(optax|nnx)\.\w+$/.test(path) && lookupApi(functional)) {
      path = functional;
    } else if (this.functionalOptax && /^optax\.\w+$/.test(path) && lookupApi(path)?.row.returns === "transform") {
      this.report(
        loc,
        `\`${q}\` is not translated for functional training loops (\`tx.init\` / \`tx.update\`), which this ` +
          "module's optax transforms are: it calls a transform's `init` / `update`, or gives `nnx.Optimizer` one " +
          "that no target optimizer class computes (such as `optax.lion`)",
      );
      return A.dotted(`jax_frontend.${path}`, loc);
    }
    const api = lookupApi(path);
    if (!api) {
      this.report(
        loc,
        isNamespace(path)
          ? `\`${q}\` is a namespace, not a value: call one of its APIs`
          : `unknown or unsupported JAX API \`${q}\``,
      );
      return A.dotted(`jax_frontend.${path}`, loc);
    }
    this.usesFrontend = true;
    return A.dotted(`jax_frontend.${api.path}`, loc);
  }

  arrayMethod(name: string, receiver: A.Expr, args: readonly A.Arg[], loc: A.Loc): A.Expr {
    const row = arrayTable[name];
    if (!row) {
      this.report(loc, `unsupported array method or property \`.${name}\``);
      return A.call(A.dotted(`jax_frontend.Array.${name}`, loc), [{ value: receiver }, ...args], loc);
    }
    this.usesFrontend = true;
    return A.call(A.dotted(`jax_frontend.Array.${name}`, loc), [{ value: receiver }, ...args], loc);
  }

  /**
   * `model.train()` / `model.eval()` on a Module (or an unannotated argument, taken for one): Flax's
   * `nnx.Module.train` / `eval`, rows of the `nnx.Module` table. A user Module defining its own method of that
   * name keeps its call.
   */
  moduleMethod(f: A.Attribute, e: A.Call, scope: Scope, cls: ClassInfo | undefined): A.Expr | undefined {
    if (!MODULE_METHODS.has(f.attr)) return undefined;
    const kind = this.kindOf(f.value, scope, cls);
    if (kind !== "module" && kind !== "array") return undefined;
    const own = [...this.analysis.classes.values()].some((c) => c.role === "module" && c.attributes.has(f.attr));
    if (own) return undefined;
    const args = e.args.map((a) => ({ ...a, value: this.expr(a.value, scope, cls) }));
    const method = this.frontendRef(`flax.nnx.Module.${f.attr}`, f.loc);
    return A.call(method, [{ value: this.expr(f.value, scope, cls) }, ...args], e.loc);
  }

  expr(e: A.Expr, scope: Scope, cls: ClassInfo | undefined): A.Expr {
    const ex = (x: A.Expr) => this.expr(x, scope, cls);
    switch (e.kind) {
      case "Name": {
        const q = qualifiedName(e, this.bindings, (n) => this.isLocal(n, scope));
        if (q && isJaxPath(q)) return this.frontendRef(q, e.loc);
        return e;
      }
      case "Attribute": {
        const q = qualifiedName(e, this.bindings, (n) => this.isLocal(n, scope));
        if (q && isJaxPath(q)) return this.frontendRef(q, e.loc);
        const baseKind = this.kindOf(e.value, scope, cls);
        if (baseKind === "array") {
          const row = arrayTable[e.attr];
          if (row && !("alias" in row) && row.property) {
            return this.arrayMethod(e.attr, ex(e.value), [], e.loc);
          }
          // `cfg.hidden_size` on an unannotated parameter: most likely a config object
          const hint = e.value.kind === "Name"
            ? ` (\`${e.value.id}\` is taken for an array: annotate it with its class)`
            : "";
          this.report(
            e.loc,
            row
              ? `array method \`.${e.attr}\` used without a call`
              : `unsupported array attribute \`.${e.attr}\`${hint}`,
          );
          return { ...e, value: ex(e.value) };
        }
        if (baseKind === "unknown" && arrayTable[e.attr] && e.attr !== "value") {
          this.report(
            e.loc,
            `cannot tell whether \`${A.dottedPath(e.value) ?? "this value"}\` is an array: ` +
              `\`.${e.attr}\` is left untranslated (assign it from a JAX call first)`,
          );
        }
        return { ...e, value: ex(e.value) };
      }
      case "Call":
        return this.call(e, scope, cls);
      case "Subscript":
        return { ...e, value: ex(e.value), index: ex(e.index) };
      case "Slice":
        return {
          ...e,
          lower: e.lower && ex(e.lower),
          upper: e.upper && ex(e.upper),
          step: e.step && ex(e.step),
        };
      case "Constant":
        return e;
      case "Tuple":
      case "List":
        return { ...e, elts: e.elts.map(ex) };
      case "Dict":
        return { ...e, keys: e.keys.map(ex), values: e.values.map(ex) };
      case "BinOp":
        return mapBinaryChain(e, ex);
      case "UnaryOp":
        return { ...e, operand: ex(e.operand) };
      case "Compare":
        return { ...e, left: ex(e.left), comparators: e.comparators.map(ex) };
      case "BoolOp":
        return { ...e, values: e.values.map(ex) };
      case "IfExp":
        return { ...e, test: ex(e.test), body: ex(e.body), orelse: ex(e.orelse) };
      case "Lambda": {
        const inner = new Scope(scope);
        for (const p of e.params) if (p.name) inner.set(p.name, paramKind(p, false));
        return { ...e, body: this.expr(e.body, inner, cls) };
      }
      case "Starred":
        return { ...e, value: ex(e.value) };
      case "FString":
        return { ...e, parts: A.mapFStringParts(e.parts, ex) };
      case "Comprehension": {
        const inner = new Scope(scope);
        const ix = (x: A.Expr) => this.expr(x, inner, cls);
        const generators = e.generators.map((g) => {
          const iter = ix(g.iter);
          this.analysis.bindTarget(g.target, elementKind(this.kindOf(g.iter, inner, cls)), inner);
          return { ...g, iter, conditions: g.conditions.map(ix) };
        });
        return { ...e, generators, key: e.key && ix(e.key), elt: ix(e.elt) };
      }
    }
  }

  /**
   * A transform's `init(params)` or `update(updates, state, params)` on a value whose kind the analysis takes for an
   * array or cannot tell (a parameter): no array has `init`, a dict's `update` takes one argument and
   * `nnx.Optimizer`'s two (`optimizer.update(model, grads)`).
   */
  isTransformCall(e: A.Call, receiver: Kind): boolean {
    if (e.func.kind !== "Attribute" || (receiver !== "array" && receiver !== "unknown")) return false;
    const positional = e.args.filter((a) => !a.name && !a.star).length;
    return (e.func.attr === "init" && positional === 1) || (e.func.attr === "update" && positional === 3);
  }

  /** `jax.vmap(f)(model, x)` / `nnx.vmap(...)`: the targets' vmap maps over arrays, not over a Module's layers. */
  checkVmapArguments(e: A.Call, scope: Scope, cls: ClassInfo | undefined): void {
    if (e.func.kind !== "Call") return;
    const q = qualifiedName(e.func.func, this.bindings, (n) => this.isLocal(n, scope));
    if (q !== "jax.vmap" && q !== "flax.nnx.vmap") return;
    for (const a of e.args) {
      const kind = this.kindOf(a.value, scope, cls);
      if (kind === "module" || kind === "modules") {
        this.report(
          a.value.loc,
          `\`${q}\` of a function of a Module is not translated (only of arrays; layers built under ` +
            "`nnx.vmap` become a list of layers, which `nnx.scan` loops over)",
        );
      }
    }
  }

  call(e: A.Call, scope: Scope, cls: ClassInfo | undefined): A.Expr {
    const inlined = this.analysis.inlinePartial(e, scope, cls);
    if (inlined) return this.call(inlined, scope, cls);
    const ex = (x: A.Expr) => this.expr(x, scope, cls);
    const args = e.args.map((a) => ({ ...a, value: ex(a.value) }));
    const f = e.func;
    if (f.kind === "Attribute" && this.analysis.atMethod(f)) {
      const sub = f.value as A.Subscript;
      const receiver = (sub.value as A.Attribute).value;
      const index: A.Expr = {
        kind: "Subscript",
        value: A.dotted("jax_frontend.numpy.index_exp", sub.loc),
        index: ex(sub.index),
        loc: sub.loc,
      };
      this.usesFrontend = true;
      return A.call(
        A.dotted(`jax_frontend.Array.${AT_METHODS[f.attr]}`, e.loc),
        [{ value: ex(receiver) }, { value: index }, ...args],
        e.loc,
      );
    }
    if (f.kind === "Attribute") {
      const q = qualifiedName(f, this.bindings, (n) => this.isLocal(n, scope));
      const mode = q && isJaxPath(q) ? undefined : this.moduleMethod(f, e, scope, cls);
      if (mode) return mode;
      const onArray = !(q && isJaxPath(q)) && this.kindOf(f.value, scope, cls) === "array";
      if (!(q && isJaxPath(q)) && this.isTransformCall(e, this.kindOf(f.value, scope, cls))) {
        // `tx.update(grads, state, params)` of a transform passed in (a parameter, so taken for an array)
        this.functionalOptaxUse = true;
        return { ...e, func: { ...f, value: ex(f.value) }, args };
      }
      // A parameter is an array or a pytree of them: a dict's or a list's own methods stay as they are.
      if (onArray && !arrayTable[f.attr] && (CONTAINER_METHODS.has(f.attr) || METRIC_METHODS.has(f.attr))) {
        return { ...e, func: { ...f, value: ex(f.value) }, args };
      }
      if (onArray) {
        return this.arrayMethod(f.attr, ex(f.value), args, e.loc);
      }
      if (this.kindOf(f.value, scope, cls) === "transform" && TRANSFORM_METHODS.has(f.attr)) {
        // `tx.init(params)`, `tx.update(grads, state, params)`: methods of the target's GradientTransformation
        this.functionalOptaxUse = true;
        return { ...e, func: { ...f, value: ex(f.value) }, args };
      }
      if (this.kindOf(f.value, scope, cls) === "transform") {
        this.report(
          e.loc,
          `optax \`.${f.attr}\` of an optimizer or transform is not translated: a transform's \`init\` and ` +
            "`update` are",
        );
      }
    }
    if (f.kind === "Name" && PYTHON_BUILTINS.has(f.id) && !scope.has(f.id)) {
      return { ...e, args };
    }
    this.checkVmapArguments(e, scope, cls);
    const q = qualifiedName(f, this.bindings, (n) => this.isLocal(n, scope));
    if (q && /^optax\.\w+$/.test(q) && !this.functionalOptax) {
      const row = lookupApi(`optax.functional.${q.slice(6)}`)?.row;
      const bound = row && !isAlias(row) ? bindArgs(parseSignature(row.sig), e.args, e.loc) : undefined;
      const callee = (x: A.Expr) =>
        x.kind === "Call" ? qualifiedName(x.func, this.bindings, (n) => this.isLocal(n, scope)) : undefined;
      if (row && needsTransformOptimizer(q.slice(6), typeof bound === "string" ? undefined : bound, callee)) {
        this.transformOptimizerUse = true;
      }
    }
    if (q && isJaxPath(q) && lookupApi(frontendPath(q))?.path === "nnx.metrics.MultiMetric" && namedOnly(e)) {
      return this.call(packedMetrics(e), scope, cls);
    }
    if (q === "flax.nnx.data" && e.args.length === 1 && this.kindOf(e.args[0].value, scope, cls) === "modules") {
      // a list of Modules marked as data is what nnx.List holds: the target's module list
      return { ...e, func: this.frontendRef("flax.nnx.List", f.loc), args };
    }
    const api = q && isJaxPath(q) ? lookupApi(frontendPath(q)) : undefined;
    const op = api ? elementwiseUnaryOp(api.row) : undefined;
    if (op && args.length === 1 && !args[0].name && !args[0].star) {
      // `jnp.sqrt(self.head_dim)`, `jnp.sqrt(2.0)`: JAX takes a Python number where torch's functions need a tensor, and gives
      // float32 where TensorFlow's refuse an int.
      if (this.kindOf(e.args[0].value, scope, cls) === "python") {
        const loc = args[0].value.loc;
        const dtype: A.Arg[] = hasFloatResult(op)
          ? [{ name: "dtype", value: A.dotted("jax_frontend.numpy.float32", loc) }]
          : [];
        const value = A.call("jax_frontend.numpy.asarray", [args[0], ...dtype], loc);
        return { ...e, func: ex(f), args: [{ value }] };
      }
    }
    return { ...e, func: ex(f), args };
  }
}
