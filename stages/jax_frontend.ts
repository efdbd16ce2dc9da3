/**
 * The `jax_frontend` stage: the jax_frontend IR to the ivy core IR. Each
 * `jax_frontend.*` call is bound to its row's signature and replaced by the
 * row's lowering over ivy core ops; `jax.jit` decorators, which change speed
 * and not meaning, are dropped.
 *
 * @module
 */
import * as A from "./ast.ts";
import { type Diagnostic, error } from "./diagnostics.ts";
import { parseConstant, type StageResult } from "./parse.ts";
import { PLACEMENT_ARGUMENTS } from "./jax_frontend/tables/sharding.ts";
import { printExpr } from "./print.ts";
import { bindArgs, parseSignature, type Signature } from "./signature.ts";
import { fillTemplate, inlineCalledLambda, parseTemplate, templateNames } from "./template.ts";
import { lookupApi } from "./jax_frontend/registry.ts";
import type { ApiRow } from "./jax_frontend/api.ts";
import { mapExpr, mapModule } from "./walk.ts";
import { isNone } from "./literals.ts";
import { withoutDefaults } from "./ivy/defaults.ts";
import { arrangeImports, dropUnusedImports, referencedNames } from "./imports.ts";

const PREFIX = "jax_frontend.";

const signatures = new Map<string, Signature>();
function signatureOf(row: ApiRow): Signature {
  let sig = signatures.get(row.sig);
  if (!sig) signatures.set(row.sig, sig = parseSignature(row.sig));
  return sig;
}

/**
 * Runs the `jax_frontend` stage.
 *
 * @param module The jax_frontend IR.
 * @returns The ivy IR and its diagnostics.
 * @example Lower a reduction
 * ```ts
 * const { ir } = jaxFrontendStage(parse("y = jax_frontend.numpy.sum(x, 1)\n").ir);
 * printModule(ir); // "y = ivy.sum(x, axis=1)\n"
 * ```
 */
export function jaxFrontendStage(module: A.Module): StageResult<A.Module> {
  const diagnostics: Diagnostic[] = [];
  const lowerExpr = (e: A.Expr) => lower(e, diagnostics);
  const withoutJit = mapModule(module, {
    stmt: (s) => [s.kind === "FunctionDef" ? { ...s, decorators: s.decorators.filter((d) => !isJit(d)) } : s],
  });
  const body = mapModule({ kind: "Module", body: withoutJit }, {
    expr: lowerExpr,
    stmt: (s) => {
      if (s.kind === "Import" && s.names.some((a) => a.name === "jax_frontend")) {
        return [{ ...s, names: s.names.map((a) => (a.name === "jax_frontend" ? { name: "ivy" } : a)) }];
      }
      if (s.kind === "With") return withoutNoOpContexts(s);
      // `@jax.named_scope("attn")` lowers to `None`: a decorator that means nothing outside JAX
      if (s.kind === "FunctionDef") return [{ ...s, decorators: s.decorators.filter((d) => !isNone(d)) }];
      return isSelfAssignment(s) ? [] : [s];
    },
  });
  const lowered = lambdasAsDefs(mapModule({ kind: "Module", body }, { expr: withoutDefaults }), false);
  const tidy = arrangeImports(dropUnusedImports(lowered, referencedNames(module.body)), templateImports(lowered));
  return { ir: { kind: "Module", body: tidy }, diagnostics };
}

/**
 * `init = lambda key, shape: ...`, what an initializer assigned to a name lowers to, as the `def` ruff asks for
 * (E731); a class body's lambda attributes are left alone (as methods they would bind `self`).
 */
function lambdasAsDefs(body: readonly A.Stmt[], inClass: boolean): A.Stmt[] {
  return body.map((s): A.Stmt => {
    switch (s.kind) {
      case "ClassDef":
        return { ...s, body: lambdasAsDefs(s.body, true) };
      case "FunctionDef":
      case "For":
      case "While":
      case "With":
        return { ...s, body: lambdasAsDefs(s.body, false) };
      case "If":
        return { ...s, body: lambdasAsDefs(s.body, inClass), orelse: lambdasAsDefs(s.orelse, inClass) };
      case "Assign": {
        const [target] = s.targets;
        if (inClass || s.annotation || s.targets.length !== 1 || target.kind !== "Name" || s.value?.kind !== "Lambda") {
          return s;
        }
        const { params, body: value, loc } = s.value;
        const ret: A.Stmt = { kind: "Return", value, loc };
        const { comments, trailingComment, commentsAfter } = s;
        return {
          kind: "FunctionDef",
          name: target.id,
          params,
          body: [ret],
          decorators: [],
          loc: s.loc,
          comments,
          trailingComment,
          commentsAfter,
        };
      }
      default:
        return s;
    }
  });
}

/** `h = h`, what `h = jax.lax.with_sharding_constraint(h, spec)` lowers to: nothing to do. */
function isSelfAssignment(s: A.Stmt): boolean {
  return s.kind === "Assign" && !s.annotation && s.targets.length === 1 && s.targets[0].kind === "Name" &&
    s.value?.kind === "Name" && s.value.id === s.targets[0].id;
}

/**
 * `with jax.named_scope("attn"):` lowers to a context of `None`: a scope that
 * means nothing outside JAX. Such items are dropped, and a `with` left
 * without items is its body.
 */
function withoutNoOpContexts(s: A.Stmt & A.With): A.Stmt[] {
  const items = s.items.filter((item) => !isNone(item.context));
  if (items.length === s.items.length) return [s];
  if (items.length) return [{ ...s, items }];
  const [first, ...rest] = s.body;
  return [{ ...first, comments: [...(s.comments ?? []), ...(first.comments ?? [])] }, ...rest];
}

/** Standard modules a lowering template may name (`math.pi`), with their import. */
const TEMPLATE_MODULES: Readonly<Record<string, string>> = { math: "import math" };

/** The imports of the standard modules the lowered code names and the module does not import or bind. */
function templateImports(body: readonly A.Stmt[]): A.Stmt[] {
  const used = referencedNames(body);
  const bound = boundNames(body);
  return Object.entries(TEMPLATE_MODULES)
    .filter(([alias]) => used.has(alias) && !bound.has(alias))
    .map(([, line]) => parseConstant(line).ir.body[0]);
}

/** Top-level names the module imports or assigns. */
function boundNames(body: readonly A.Stmt[]): Set<string> {
  const names = new Set<string>();
  for (const s of body) {
    if (s.kind === "Import") s.names.forEach((a) => names.add(a.asname ?? a.name.split(".")[0]));
    else if (s.kind === "ImportFrom") s.names.forEach((a) => names.add(a.asname ?? a.name));
    else if (s.kind === "FunctionDef" || s.kind === "ClassDef") names.add(s.name);
    else if (s.kind === "Assign") s.targets.forEach((t) => t.kind === "Name" && names.add(t.id));
  }
  return names;
}

/** Transformations that are the function itself on the targets (they run eagerly): dropped as decorators. */
const IDENTITY_TRANSFORMS = new Set(["jax_frontend.jit", "jax_frontend.checkpoint"]);

/** `@jax.jit`, `@nnx.remat`, `@partial(jax.jit, static_argnums=...)`, `@nnx.jit(donate_argnames=...)`. */
function isJit(d: A.Expr): boolean {
  if (IDENTITY_TRANSFORMS.has(A.dottedPath(d) ?? "")) return true;
  // nnx.jit's decorator factory: keyword arguments only, the function comes next
  if (d.kind === "Call" && IDENTITY_TRANSFORMS.has(A.dottedPath(d.func) ?? "") && d.args.every((a) => a.name)) {
    return true;
  }
  return d.kind === "Call" && A.dottedPath(d.func)?.endsWith("partial") === true &&
    d.args.length > 0 && IDENTITY_TRANSFORMS.has(A.dottedPath(d.args[0].value) ?? "");
}

function frontendPathOf(e: A.Expr): string | undefined {
  let root = e;
  while (root.kind === "Attribute") root = root.value;
  // most names are not `jax_frontend.*`: no dotted path is built for them
  if (root.kind !== "Name" || root.id !== PREFIX.slice(0, -1)) return undefined;
  const path = A.dottedPath(e);
  return path?.startsWith(PREFIX) ? path.slice(PREFIX.length) : undefined;
}

function lower(e: A.Expr, diagnostics: Diagnostic[]): A.Expr {
  const inner = (x: A.Expr) => lower(x, diagnostics);
  return mapExpr(e, inlineCalledLambda, (node) => {
    if (node.kind === "Call") {
      const path = frontendPathOf(node.func);
      if (path === undefined) return undefined;
      const args = node.args.map((a) => ({ ...a, value: inner(a.value) }));
      return lowerCall(path, { ...node, args }, diagnostics);
    }
    if (node.kind === "Subscript" && frontendPathOf(node.value) === "numpy.index_exp") {
      return { ...node, value: A.dotted("ivy.index", node.loc), index: inner(node.index) };
    }
    if (node.kind === "Attribute" || node.kind === "Name") {
      const path = frontendPathOf(node);
      return path === undefined ? undefined : lowerReference(path, node.loc, diagnostics);
    }
    return undefined;
  });
}

/** A row's template for this call, or a diagnostic. */
function templateFor(row: ApiRow, args: ReadonlyMap<string, A.Expr>): string {
  return typeof row.ivy === "string" ? row.ivy : row.ivy(args);
}

function lowerCall(path: string, node: A.Call, diagnostics: Diagnostic[]): A.Expr {
  const api = lookupApi(path);
  if (!api) {
    diagnostics.push(error(node.loc, `unknown or unsupported JAX API \`${path}\``));
    return node;
  }
  if (api.row.returns === "dtype" && api.row.sig === "") return lowerDtypeCall(path, api.row, node, diagnostics);
  if (api.row.constant) {
    diagnostics.push(error(node.loc, `${displayName(path)} is a constant, not a function`));
    return node;
  }
  const sig = signatureOf(api.row);
  const named = new Set(sig.map((p) => p.name));
  const args = node.args.filter((a) =>
    !(a.name && (PLACEMENT_ARGUMENTS.has(a.name) || (api.row.metadata && !named.has(a.name))))
  );
  const bound = bindArgs(sig, args, node.loc);
  if (typeof bound === "string") {
    diagnostics.push(error(node.loc, `${displayName(path)}: ${bound}`));
    return node;
  }
  const text = templateFor(api.row, bound);
  if (text.startsWith("error:")) {
    diagnostics.push(error(node.loc, `${displayName(path)}: ${text.slice(6).trim()}`));
    return node;
  }
  const template = parseTemplate(text);
  const used = templateNames(template);
  for (const p of sig) {
    if (used.has(p.name) || !p.default || api.row.ignored?.includes(p.name)) continue;
    const given = bound.get(p.name);
    if (given && printExpr(given) !== printExpr(p.default)) {
      diagnostics.push(
        error(
          node.loc,
          `${displayName(path)}: argument \`${p.name}\` is not supported (only its default ${printExpr(p.default)})`,
        ),
      );
    }
  }
  return fillTemplate(template, bound, node.loc);
}

/** A dtype called as a function, `jnp.float32(x)`: a cast, `ivy.asarray(x, dtype=ivy.float32)`. */
function lowerDtypeCall(path: string, row: ApiRow, node: A.Call, diagnostics: Diagnostic[]): A.Expr {
  const [value, ...rest] = node.args;
  if (!value || value.name || value.star || rest.length) {
    diagnostics.push(error(node.loc, `${displayName(path)}: a dtype called as a function takes one value`));
    return node;
  }
  const dtype = fillTemplate(parseTemplate(templateFor(row, new Map())), new Map(), node.loc);
  return A.call("ivy.asarray", [value, { name: "dtype", value: dtype }], node.loc);
}

/** A reference that is not called: a dtype, a base class, or a function passed as a value. */
function lowerReference(path: string, loc: A.Loc, diagnostics: Diagnostic[]): A.Expr {
  const api = lookupApi(path);
  if (!api) {
    diagnostics.push(error(loc, `unknown or unsupported JAX API \`${path}\``));
    return A.dotted(PREFIX + path, loc);
  }
  if (api.row.asValue) return fillTemplate(parseTemplate(api.row.asValue), new Map(), loc);
  const text = templateFor(api.row, new Map());
  const template = parseTemplate(text);
  if (api.row.constant || template.kind === "Name" || template.kind === "Attribute") {
    return fillTemplate(template, new Map(), loc);
  }
  // A function used as a value (`nnx.Sequential(..., nnx.gelu)`): its lowering applied to one argument, as
  // `lambda x: ...`, or just the function when that is all the lowering does.
  const sig = signatureOf(api.row);
  const x = A.name("x", loc);
  const bound = sig.length >= 1 && !sig[0].variadic ? bindArgs(sig, [{ value: x }], loc) : "not one argument";
  if (typeof bound !== "string") {
    const text = templateFor(api.row, bound);
    if (!text.startsWith("error:")) {
      const body = fillTemplate(parseTemplate(text), bound, loc);
      const [only] = body.kind === "Call" ? body.args : [];
      if (body.kind === "Call" && body.args.length === 1 && !only.name && !only.star && only.value === x) {
        return body.func;
      }
      return { kind: "Lambda", params: [{ name: "x" }], body, loc };
    }
  }
  diagnostics.push(error(loc, `${displayName(path)} can only be called here, not passed as a value`));
  return A.dotted(PREFIX + path, loc);
}

function displayName(path: string): string {
  if (path.startsWith("nnx.") || path.startsWith("linen.")) return `flax.${path}`;
  if (path.startsWith("Array.")) return `jax.Array.${path.slice(6)}`;
  if (path.startsWith("optax.")) return path;
  return `jax.${path}`;
}
