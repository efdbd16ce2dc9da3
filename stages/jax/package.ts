/**
 * The modules of one input package and what each defines, so that a Module
 * class, Variable class, function or constant imported from another module of
 * the input is known as such where it is imported. Built once per package
 * from the parsed modules; each module's stages see it through a
 * {@link PackageView}.
 *
 * Module names come from paths: `layers.py` under the package `tinynet` is
 * `tinynet.layers`, `models/__init__.py` is `tinynet.models`. Relative imports
 * (`from ..utils import x`) are resolved against the importing module.
 *
 * @module
 */
import type * as A from "../ast.ts";
import type { Kind } from "../jax_frontend/api.ts";
import { type Bindings, importBindings, isAnnotationOnlyPath, isJaxPath, qualifiedName } from "./imports.ts";
import { STDLIB_MODULES } from "../stdlib.ts";
import type { VariableKind } from "../../stateful/classes.ts";

/** What a module of the input defines under a top-level name. */
export type Definition =
  | { readonly what: "class"; readonly role: "module" | "other" }
  | { readonly what: "class"; readonly role: "variable"; readonly variable: VariableKind }
  | { readonly what: "function" }
  | { readonly what: "constant"; readonly kind: Kind };

/** One module's place in its package: its dotted name, and whether it is a package's `__init__.py`. */
export interface ModuleRef {
  readonly name: string;
  readonly isPackage: boolean;
}

/** What one module's stages know of the package it belongs to. */
export interface PackageView {
  readonly index: PackageIndex;
  readonly self: ModuleRef;
}

/**
 * The dotted module name of a path relative to the package root.
 *
 * @param path A relative path with `/` separators, e.g. `models/blocks.py`.
 * @param root The dotted name of the folder the paths are relative to (`tinynet`), or "" for none.
 * @returns The module's name and whether it is an `__init__.py`.
 * @example A package's `__init__.py`
 * ```ts
 * moduleRef("models/__init__.py", "tinynet"); // { name: "tinynet.models", isPackage: true }
 * ```
 */
export function moduleRef(path: string, root: string): ModuleRef {
  const parts = path.replace(/\.py$/, "").split("/").filter((p) => p !== "");
  const isPackage = parts.at(-1) === "__init__";
  if (isPackage) parts.pop();
  return { name: [...(root ? root.split(".") : []), ...parts].join("."), isPackage };
}

/**
 * The absolute name of a module named in an import of `self`: `.blocks` in
 * `tinynet.models.net` is `tinynet.models.blocks`. Undefined when a relative
 * import climbs out of the top package.
 */
export function absoluteModule(module: string, self: ModuleRef | undefined): string | undefined {
  const dots = module.length - module.replace(/^\.+/, "").length;
  if (dots === 0) return module;
  if (!self || self.name === "") return undefined;
  const base = self.name.split(".");
  if (!self.isPackage) base.pop();
  if (dots - 1 > base.length - 1) return undefined;
  const parent = base.slice(0, base.length - (dots - 1));
  const rest = module.slice(dots);
  return [...parent, ...(rest ? [rest] : [])].join(".");
}

/** The import bindings of a module body, relative modules made absolute (unresolvable ones left out). */
export function moduleBindings(body: readonly A.Stmt[], self: ModuleRef | undefined): Map<string, string> {
  const absolute = body.flatMap((s): A.Stmt[] => {
    if (s.kind !== "ImportFrom" || !s.module.startsWith(".")) return [s];
    const module = absoluteModule(s.module, self);
    return module ? [{ ...s, module }] : [];
  });
  return importBindings(absolute);
}

interface IndexedModule {
  readonly body: readonly A.Stmt[];
  readonly bindings: Bindings;
  readonly self: ModuleRef;
}

/** The modules of an input package, by dotted name, and the definitions each makes. */
export class PackageIndex {
  readonly #modules = new Map<string, IndexedModule>();
  readonly #resolving = new Set<string>();

  /** @param modules Each module's place and top-level statements. */
  constructor(modules: readonly { readonly self: ModuleRef; readonly body: readonly A.Stmt[] }[] = []) {
    for (const { self, body } of modules) {
      this.#modules.set(self.name, { body, self, bindings: moduleBindings(body, self) });
    }
  }

  /** The module body with its absolute imports of the input's own packages marked first-party. */
  markFirstParty(body: readonly A.Stmt[]): A.Stmt[] {
    const tops = new Set([...this.#modules.keys()].map((m) => m.split(".")[0]));
    const own = (module: string) => tops.has(module.split(".")[0]);
    return body.map((s) =>
      (s.kind === "Import" && s.names.some((a) => own(a.name))) || (s.kind === "ImportFrom" && own(s.module))
        ? { ...s, firstParty: true }
        : s
    );
  }

  /** True when `name` is a module (or package) of the input. */
  hasModule(name: string): boolean {
    return this.#modules.has(name) || [...this.#modules.keys()].some((m) => m.startsWith(name + "."));
  }

  /**
   * What a qualified name stands for: a definition of a module of the input,
   * followed through re-exports (`from .layers import MLP` in `__init__.py`).
   */
  resolve(qualified: string): Definition | undefined {
    if (isJaxPath(qualified) || this.#resolving.has(qualified)) return undefined;
    const dot = qualified.lastIndexOf(".");
    const module = this.#modules.get(qualified.slice(0, dot));
    if (dot < 0 || !module) return undefined;
    this.#resolving.add(qualified);
    try {
      return this.definition(module, qualified.slice(dot + 1));
    } finally {
      this.#resolving.delete(qualified);
    }
  }

  /** True when `from module import name` finds something: a definition, a re-export, or a submodule. */
  provides(module: string, name: string): boolean {
    const indexed = this.#modules.get(module);
    if (!indexed) return false;
    return this.hasModule(`${module}.${name}`) || indexed.bindings.has(name) || definedNames(indexed.body).has(name);
  }

  /** The roles of the Module and Variable classes a module imports from other modules, by local name. */
  importedClasses(bindings: Bindings): Map<string, Definition & { what: "class" }> {
    const out = new Map<string, Definition & { what: "class" }>();
    for (const [local, qualified] of bindings) {
      const d = this.resolve(qualified);
      if (d?.what === "class") out.set(local, d);
    }
    return out;
  }

  definition(module: IndexedModule, name: string): Definition | undefined {
    for (const s of module.body) {
      if (s.kind === "FunctionDef" && s.name === name) return { what: "function" };
      if (s.kind === "ClassDef" && s.name === name) return this.classDefinition(module, s);
    }
    for (const s of module.body) {
      if (s.kind === "Assign" && s.value && s.targets.some((t) => t.kind === "Name" && t.id === name)) {
        return { what: "constant", kind: literalKind(s.value) };
      }
    }
    const imported = module.bindings.get(name);
    return imported === undefined ? undefined : this.resolve(imported);
  }

  classDefinition(module: IndexedModule, c: A.ClassDef): Definition {
    for (const b of c.bases) {
      // the Flax bases, as the input and each IR stage spell them
      const q = qualifiedName(b.value, module.bindings, () => false);
      if (q && /^(flax\.nnx|jax_frontend\.nnx|ivy)\.Module$/.test(q)) return { what: "class", role: "module" };
      const variable = q?.match(/^(?:flax\.nnx|jax_frontend\.nnx|ivy)\.(Variable|Param|BatchStat)$/)?.[1] as
        | VariableKind
        | undefined;
      if (variable) return { what: "class", role: "variable", variable };
      const local = b.value.kind === "Name" ? `${module.self.name}.${b.value.id}` : undefined;
      const base = this.resolve(q ?? local ?? "");
      if (base?.what === "class" && base.role !== "other") return base;
    }
    return { what: "class", role: "other" };
  }
}

/** The names a module body binds at its top level, by definition or assignment. */
function definedNames(body: readonly A.Stmt[]): Set<string> {
  const names = new Set<string>();
  for (const s of body) {
    if (s.kind === "FunctionDef" || s.kind === "ClassDef") names.add(s.name);
    if (s.kind === "Assign") { for (const t of s.targets) if (t.kind === "Name") names.add(t.id); }
  }
  return names;
}

/** `python` for a value built from literals alone (`HIDDEN = 32`, `SHAPE = (2, -1)`), else `unknown`. */
function literalKind(e: A.Expr): Kind {
  switch (e.kind) {
    case "Constant":
      return "python";
    case "Tuple":
    case "List":
      return e.elts.every((x) => literalKind(x) === "python") ? "python" : "unknown";
    case "UnaryOp":
      return literalKind(e.operand);
    case "BinOp":
      return literalKind(e.left) === "python" && literalKind(e.right) === "python" ? "python" : "unknown";
    default:
      return "unknown";
  }
}

/**
 * Why an import cannot be translated, or undefined when it can: it names a
 * module of the input (and something that module provides), JAX/Flax (or
 * jaxtyping, whose annotations are dropped), the standard library or NumPy.
 *
 * @param s The import statement.
 * @param view The package the importing module belongs to, if any.
 * @returns The reason, naming what is imported.
 */
export function importProblem(s: A.Import | A.ImportFrom, view: PackageView | undefined): string | undefined {
  const index = view?.index ?? new PackageIndex();
  const known = (module: string) => {
    const top = module.split(".")[0];
    return isJaxPath(module) || isAnnotationOnlyPath(module) || STDLIB_MODULES.has(top) || top === "numpy" ||
      top === "__future__" || index.hasModule(module);
  };
  if (s.kind === "Import") {
    const unknown = s.names.find((a) => !known(a.name));
    return unknown ? unknownImport(unknown.name) : undefined;
  }
  const module = absoluteModule(s.module, view?.self);
  if (module === undefined) {
    return `relative import \`from ${s.module} import ...\` outside a package: transpile the package's folder`;
  }
  if (!known(module)) return unknownImport(s.module);
  const inInput = index.hasModule(module);
  const missing = inInput ? s.names.find((a) => !index.provides(module, a.name)) : undefined;
  return missing ? `\`${s.module}\` has no \`${missing.name}\` in the input` : undefined;
}

function unknownImport(module: string): string {
  return `import of \`${module}\`: it is neither in the input, JAX/Flax, the Python standard library nor NumPy`;
}
