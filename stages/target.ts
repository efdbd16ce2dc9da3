/**
 * The target stages (`torch`, `tensorflow`, `numpy`): the ivy IR to target
 * Python. Each `ivy.<op>(...)` call is bound to the core op's signature and
 * written with the target's emitter row; `ivy.<dtype>` becomes the target's
 * dtype; `ivy.index[...]` becomes an index value; the helpers and imports
 * the result uses are added, and nothing else.
 *
 * @module
 */
import * as A from "./ast.ts";
import { type Diagnostic, error } from "./diagnostics.ts";
import { parseConstant, type StageResult } from "./parse.ts";
import { printExpr } from "./print.ts";
import { arrangeImports, referencedNames } from "./imports.ts";
import { bindArgs, parseSignature, type Signature } from "./signature.ts";
import { fillTemplate, inlineCalledLambda, parseTemplate } from "./template.ts";
import { CORE_DTYPES, CORE_OPS, type CoreDtype, type CoreOp, isCoreOp } from "./ivy/ops.ts";
import { type EmitFn, type EmitRow, type Helper, isUnsupported, type Target } from "./targets/emitter.ts";
import { dropStatements, mapExpr, mapModule, visitExpr } from "./walk.ts";
import { lowerClasses, STATEFUL_TARGETS } from "../stateful/lower.ts";
import { extendsKeras, saveableLayer, SAVING_HELPERS, type SavingContext } from "../stateful/keras_saving.ts";
import { promoteLikeJax } from "./targets/promotion.ts";
import { moduleBindings, type PackageView } from "./jax/package.ts";
import type { ClassRole } from "../stateful/classes.ts";
import type { LoweringContext } from "../stateful/target.ts";

const coreSignatures = new Map<CoreOp, Signature>(
  Object.entries(CORE_OPS).map(([op, sig]) => [op as CoreOp, parseSignature(sig)]),
);

/** Printed core defaults, which emitted keyword arguments leave out. */
const coreDefaults = new Map<CoreOp, Map<string, string>>(
  [...coreSignatures].map(([op, sig]) => [
    op,
    new Map(sig.filter((p) => p.default).map((p) => [p.name, printExpr(p.default!)])),
  ]),
);

/** Collects what the emitted code needs: helpers and diagnostics. */
export class EmitContext implements LoweringContext {
  readonly helpers = new Set<string>();
  readonly diagnostics: Diagnostic[] = [];
  /**
   * @param target The target's tables.
   * @param classHelpers The target's stateful helper classes, used through the same mechanism.
   */
  constructor(readonly target: Target, readonly classHelpers: Readonly<Record<string, Helper>> = {}) {}

  /** The definition of a helper, from the op helpers or the class helpers. */
  helper(name: string): Helper {
    const helper = this.target.helpers[name] ?? this.classHelpers[name];
    if (!helper) throw new Error(`${this.target.name}: no helper named ${name}`);
    return helper;
  }

  /** The used helpers, each after the helpers it needs, otherwise by name. */
  orderedHelpers(): string[] {
    const out: string[] = [];
    const visit = (name: string): void => {
      if (out.includes(name)) return;
      for (const dep of [...(this.helper(name).needs ?? [])].sort()) visit(dep);
      out.push(name);
    };
    [...this.helpers].sort().forEach(visit);
    return out;
  }

  /** Rewrites every ivy reference inside an expression. */
  expr(e: A.Expr): A.Expr {
    return mapExpr(e, (node) => node, (node) => this.node(node));
  }

  node(node: A.Expr): A.Expr | undefined {
    const operatorOp = node.kind === "BinOp" ? this.target.operatorOps?.[node.op] : undefined;
    if (node.kind === "BinOp" && operatorOp) {
      const args = [{ value: this.expr(node.left) }, { value: this.expr(node.right) }];
      return this.emitOp(operatorOp, { kind: "Call", func: A.dotted(`ivy.${operatorOp}`), args, loc: node.loc });
    }
    if (node.kind === "Call") {
      const path = A.dottedPath(node.func);
      if (path?.startsWith("ivy.") && isCoreOp(path.slice(4))) {
        const args = node.args.map((a) => ({ ...a, value: this.expr(a.value) }));
        return this.emitOp(path.slice(4) as CoreOp, { ...node, args });
      }
      return undefined;
    }
    if (node.kind === "Subscript" && node.value.kind === "Call" && A.dottedPath(node.value.func) === "ivy.shape") {
      // One dimension of a shape is an int on every target: `x.shape[0]`, not `tuple(x.shape)[0]`.
      const array = this.expr(node.value.args[0].value);
      const shape: A.Expr = { kind: "Attribute", value: array, attr: "shape", loc: node.loc };
      return { ...node, value: shape, index: this.expr(node.index) };
    }
    if (node.kind === "Subscript" && A.dottedPath(node.value) === "ivy.index") {
      return indexValue(this.expr(node.index));
    }
    if (node.kind === "Attribute") {
      const path = A.dottedPath(node);
      if (path?.startsWith("ivy.")) {
        const name = path.slice(4);
        if ((CORE_DTYPES as readonly string[]).includes(name)) {
          const dtype = this.target.dtypes[name as CoreDtype];
          if (typeof dtype === "string") return A.dotted(dtype, node.loc);
          this.diagnostics.push(
            error(node.loc, `${this.target.name} cannot express \`${name}\`: ${dtype.unsupported}`),
          );
          return node;
        }
        if (isCoreOp(name)) return this.opReference(name as CoreOp, node.loc);
      }
    }
    return undefined;
  }

  /** A core op passed as a function value: emitted as `lambda x: <op>(x)` unless a plain name. */
  opReference(op: CoreOp, loc: A.Loc): A.Expr {
    const call = A.call(`ivy.${op}`, [{ value: A.name("x", loc) }], loc);
    const emitted = this.emitOp(op, call);
    if (
      emitted.kind === "Call" && emitted.args.length === 1 && emitted.args[0].value.kind === "Name" &&
      emitted.args[0].value.id === "x" && !emitted.args[0].name
    ) {
      return emitted.func;
    }
    return { kind: "Lambda", params: [{ name: "x" }], body: emitted, loc };
  }

  emitOp(op: CoreOp, node: A.Call): A.Expr {
    const row = this.target.ops[op];
    if (isUnsupported(row)) {
      this.diagnostics.push(error(node.loc, `${this.target.name} cannot express \`${op}\`: ${row.unsupported}`));
      return node;
    }
    const bound = bindArgs(coreSignatures.get(op)!, node.args, node.loc);
    if (typeof bound === "string") {
      this.diagnostics.push(error(node.loc, `ivy.${op}: ${bound}`));
      return node;
    }
    let emission: string | EmitFn | EmitRow = row;
    while (typeof emission !== "string") {
      if (typeof emission === "function") emission = emission(bound);
      else {
        for (const h of emission.helpers ?? []) this.useHelper(h);
        emission = emission.emit;
      }
    }
    const text = emission;
    if (text.startsWith("error:")) {
      this.diagnostics.push(error(node.loc, `${this.target.name}: ${text.slice(6).trim()}`));
      return node;
    }
    // `tf.cond(p, lambda: (lambda a: a + 1)(x), ...)`: the called lambda inlined
    const filled = fillTemplate(this.markHelpers(parseTemplate(text)), bound, node.loc, coreDefaults.get(op));
    return mapExpr(filled, inlineCalledLambda);
  }

  /**
   * Marks the helper names a template refers to, so that they can be renamed
   * where the user's module uses them too. Call it before the template is
   * filled, so that the user's own names are never marked.
   */
  markHelpers(template: A.Expr, names: ReadonlySet<string> = this.helpers): A.Expr {
    return mapExpr(template, (n) => (n.kind === "Name" && names.has(n.id) ? helperRef(n.id, n.loc) : n));
  }

  /**
   * A reference to a target helper, which is added to the output. Stateful
   * lowering uses this for helper classes, so that a user name never clashes.
   */
  helperRef(name: string, loc: A.Loc = A.NO_LOC): A.Name {
    this.useHelper(name);
    return helperRef(name, loc);
  }

  /** Adds a helper, and those it needs, to the output. */
  useHelper(name: string): void {
    if (this.helpers.has(name)) return;
    const helper = this.helper(name);
    this.helpers.add(name);
    for (const dep of helper.needs ?? []) this.useHelper(dep);
  }
}

const HELPER_MARK = "__jaxlate_helper__";

function helperRef(name: string, loc: A.Loc): A.Name {
  return A.name(HELPER_MARK + name, loc);
}

/** Top-level names the user's module defines or imports, with where each is bound. */
function userNames(body: readonly A.Stmt[]): Map<string, A.Loc> {
  const names = new Map<string, A.Loc>();
  const bind = (t: A.Expr, loc: A.Loc): void => {
    if (t.kind === "Name") names.set(t.id, loc);
    else if (t.kind === "Tuple" || t.kind === "List") t.elts.forEach((x) => bind(x, loc));
  };
  for (const s of body) {
    if (s.kind === "FunctionDef" || s.kind === "ClassDef") names.set(s.name, s.loc);
    else if (s.kind === "Assign") s.targets.forEach((t) => bind(t, s.loc));
    else if (s.kind === "Import") s.names.forEach((a) => names.set(a.asname ?? a.name.split(".")[0], s.loc));
    else if (s.kind === "ImportFrom") s.names.forEach((a) => names.set(a.asname ?? a.name, s.loc));
  }
  return names;
}

/** Every identifier the user's module uses or binds, at any depth: what a helper's name must avoid. */
function allUserNames(body: readonly A.Stmt[]): Set<string> {
  const names = new Set<string>();
  mapModule({ kind: "Module", body }, {
    expr: (e) => {
      visitExpr(e, (n) => {
        if (n.kind === "Name") names.add(n.id);
        if (n.kind === "Lambda") n.params.forEach((p) => names.add(p.name));
      });
      return e;
    },
    stmt: (s) => {
      if (s.kind === "FunctionDef") s.params.forEach((p) => names.add(p.name));
      if (s.kind === "FunctionDef" || s.kind === "ClassDef") names.add(s.name);
      return [s];
    },
  });
  return names;
}

/** Helpers whose names are the user's contract: never renamed; a clash is an error. */
const CONTRACT_HELPERS = new Set(["Rngs", "load_flax_state"]);

/**
 * Each marked helper's final name, by its mark: its own, or with a leading
 * underscore where the user's module already uses that name.
 */
function finalNames(helpers: ReadonlySet<string>, taken: ReadonlySet<string>): Map<string, string> {
  const final = new Map<string, string>();
  for (const h of helpers) {
    let name = h;
    while (taken.has(name) && !CONTRACT_HELPERS.has(h)) name = `_${name}`;
    final.set(HELPER_MARK + h, name);
  }
  return final;
}

/** `body` with each marked helper name replaced by its final name. */
function nameHelpers(body: readonly A.Stmt[], final: ReadonlyMap<string, string>): A.Stmt[] {
  const rename = (id: string) => final.get(id) ?? id;
  return mapModule({ kind: "Module", body }, {
    expr: (e) => mapExpr(e, (n) => (n.kind === "Name" && final.has(n.id) ? { ...n, id: rename(n.id) } : n)),
    stmt: (
      s,
    ) => [
      (s.kind === "FunctionDef" || s.kind === "ClassDef") && final.has(s.name) ? { ...s, name: rename(s.name) } : s,
    ],
  });
}

/**
 * Each helper statement named, by the renames that are not a helper's own
 * name: a marked helper statement is made once per process (see
 * {@link markedHelpers}) and every mark in it is a helper of the run, so its
 * named form depends only on those renames, and is made once for each.
 */
const namedHelpers = new WeakMap<A.Stmt, Map<string, A.Stmt>>();

/** {@link nameHelpers} of helper definitions, each statement named once per process and set of renames. */
function nameHelperDefinitions(bodies: readonly A.Stmt[], final: ReadonlyMap<string, string>): A.Stmt[] {
  const renames = [...final].filter(([mark, name]) => mark !== HELPER_MARK + name).join(";");
  return bodies.map((s) => {
    let byRenames = namedHelpers.get(s);
    if (!byRenames) namedHelpers.set(s, byRenames = new Map());
    let named = byRenames.get(renames);
    if (!named) byRenames.set(renames, named = nameHelpers([s], final)[0]);
    return named;
  });
}

/**
 * Each helper's marked definitions, by its source, then by the names in it
 * that are helpers of the run: the same for every module that uses the
 * helper with the same helpers, so each is made once per process
 * (statements are never changed after they are made).
 */
const markedHelpers = new Map<string, Map<string, readonly A.Stmt[]>>();
/** Each helper source's distinct words, sorted. */
const sourceWords = new Map<string, readonly string[]>();

/** A helper's definition, with its own name and the helpers it calls marked. */
function helperDefinition(source: string, helpers: ReadonlySet<string>): A.Stmt[] {
  // every word of the source that is a helper's name: a superset of the names marking changes
  let words = sourceWords.get(source);
  if (!words) sourceWords.set(source, words = [...new Set(source.match(/\w+/g))].sort());
  const marked = words.filter((word) => helpers.has(word)).join(",");
  let bySource = markedHelpers.get(source);
  if (!bySource) markedHelpers.set(source, bySource = new Map());
  let body = bySource.get(marked);
  if (!body) {
    const { ir, diagnostics } = parseConstant(source);
    if (diagnostics.length) throw new Error(`helper source does not parse: ${diagnostics[0].message}\n${source}`);
    bySource.set(marked, body = markHelpers(ir, helpers));
  }
  return [...body];
}

function markHelpers(ir: A.Module, helpers: ReadonlySet<string>): A.Stmt[] {
  const mark = (id: string) => (helpers.has(id) ? HELPER_MARK + id : id);
  return mapModule(ir, {
    expr: (e) => mapExpr(e, (n) => (n.kind === "Name" ? { ...n, id: mark(n.id) } : n)),
    stmt: (s) => [s.kind === "FunctionDef" || s.kind === "ClassDef" ? { ...s, name: mark(s.name) } : s],
  });
}

/**
 * The used helpers' definitions; with `saveable`, their Keras layer classes made
 * saveable, which may add a helper (`from_keras_config`).
 */
function helperDefinitions(ctx: EmitContext, saveable: boolean): A.Stmt[] {
  const count = ctx.helpers.size;
  const names = ctx.orderedHelpers();
  // the saving helpers first: class bodies refer to them (`from_config = classmethod(from_keras_config)`)
  const ordered = saveable
    ? [...names.filter((h) => SAVING_HELPERS.has(h)), ...names.filter((h) => !SAVING_HELPERS.has(h))]
    : names;
  const bodies = ordered.flatMap((h) => helperDefinition(ctx.helper(h).source, ctx.helpers));
  if (!saveable) return bodies;
  const saved = bodies.map((s) => (s.kind === "ClassDef" && extendsKeras(s) ? saveableHelper(s, ctx) : s));
  return ctx.helpers.size === count ? saved : helperDefinitions(ctx, saveable);
}

/**
 * Each helper Keras layer class made saveable, with the helpers that needs:
 * helper statements are made once per process, and so is this.
 */
const saveableHelpers = new WeakMap<A.ClassDef, { readonly layer: A.ClassDef; readonly needs: readonly string[] }>();

/** A helper Keras layer class made saveable; the helpers that needs are added to `ctx`. */
function saveableHelper(c: A.ClassDef, ctx: EmitContext): A.ClassDef {
  let saved = saveableHelpers.get(c);
  if (!saved) {
    const needs: string[] = [];
    const saving: SavingContext = {
      helperRef: (name) => (needs.push(name), helperRef(name, A.NO_LOC)),
      warn: () => {},
    };
    saveableHelpers.set(c, saved = { layer: saveableLayer(c, true, saving), needs });
  }
  saved.needs.forEach((name) => ctx.useHelper(name));
  return saved.layer;
}

/** `ivy.index[a, 1:, None]` as a value: `(a, slice(1, None), None)`. */
function indexValue(index: A.Expr): A.Expr {
  const item = (e: A.Expr): A.Expr =>
    e.kind === "Slice"
      ? A.call(
        "slice",
        [e.lower, e.upper, e.step].map((x) => ({ value: x ?? A.constant(null) })).slice(
          0,
          e.step ? 3 : 2,
        ),
        e.loc,
      )
      : e;
  return index.kind === "Tuple" ? { ...index, elts: index.elts.map(item) } : item(index);
}

/** The roles of the Module and Variable classes a module imports from the rest of its package. */
function importedRoles(module: A.Module, view: PackageView | undefined): Map<string, ClassRole> {
  const roles = new Map<string, ClassRole>();
  if (!view) return roles;
  for (const [local, d] of view.index.importedClasses(moduleBindings(module.body, view.self))) {
    if (d.role === "module") roles.set(local, { role: "module", variables: d.variables });
    if (d.role === "variable") roles.set(local, { role: "variable", kind: d.variable });
  }
  return roles;
}

/**
 * Runs a target stage.
 *
 * @param module The ivy IR.
 * @param target The target's tables.
 * @param view The input package the module belongs to, if any: which imported classes are Modules and Variables.
 * @returns Target Python, and diagnostics for what the target cannot express.
 * @example Emit for torch
 * ```ts
 * printModule(targetStage(parse("import ivy\ny = ivy.sum(x, axis=1)\n").ir, torchTarget).ir);
 * // "import torch\n\ny = torch.sum(x, dim=1)\n"
 * ```
 */
export function targetStage(ivyModule: A.Module, target: Target, view?: PackageView): StageResult<A.Module> {
  const module = promoteLikeJax(ivyModule, target.name);
  const ctx = new EmitContext(target, STATEFUL_TARGETS[target.name].helpers);
  const classes = lowerClasses(module, ctx, importedRoles(module, view));
  const topLevel = userNames(module.body);
  for (const name of CONTRACT_HELPERS) {
    const loc = topLevel.get(name);
    if (ctx.helpers.has(name) && loc) {
      ctx.diagnostics.push(error(loc, `\`${name}\` is a name the output defines for you: rename this definition`));
    }
  }
  const mapped = mapModule({ kind: "Module", body: classes }, { expr: (e) => ctx.expr(e) });
  const body = dropStatements(mapped, (s) => s.kind === "Import" && s.names.some((a) => a.name === "ivy"));
  const helperBodies = helperDefinitions(ctx, STATEFUL_TARGETS[target.name].saveable === true);
  const ordered = ctx.orderedHelpers();
  const used = referencedNames([...helperBodies, ...body]);
  const bound = new Set([...userNames(body).keys()]);
  const importLines: Record<string, string> = Object.assign(
    {},
    target.imports,
    ...ordered.map((h) => ctx.helper(h).imports),
  );
  const targetImports = Object.entries(importLines)
    .filter(([alias]) => used.has(alias) && !bound.has(alias))
    .map(([, line]) => parseConstant(line).ir.body[0]);
  // naming works statement by statement, so the helpers, made once per process, are named apart from the rest
  const final = finalNames(ctx.helpers, allUserNames(module.body));
  const output = arrangeImports(nameHelpers(body, final), targetImports, nameHelperDefinitions(helperBodies, final));
  return { ir: { kind: "Module", body: output }, diagnostics: ctx.diagnostics };
}
