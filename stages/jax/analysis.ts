/**
 * The kind analysis of the `jax` stage: what each expression is (array,
 * Python value, Module, Variable, Rngs, ...), from the rules of `infer.ts`,
 * the API tables' declared results, and what each user class is and holds.
 *
 * @module
 */
import type * as A from "../ast.ts";
import { type Bindings, isJaxPath, qualifiedName } from "./imports.ts";
import { paramKind, PYTHON_BUILTINS, Scope } from "./infer.ts";
import { frontendPath, lookupApi } from "../jax_frontend/registry.ts";
import { arrayTable } from "../jax_frontend/tables/array.ts";
import type { Kind } from "../jax_frontend/api.ts";

/** `x.at[i].<method>(...)` to the frontend's `jax_frontend.Array.<name>`. */
export const AT_METHODS: Record<string, string> = {
  set: "at_set",
  add: "at_add",
  multiply: "at_multiply",
  mul: "at_multiply",
  min: "at_min",
  max: "at_max",
  get: "at_get",
};

/** Methods of the dicts and lists of a pytree, which arrays do not have: their results are pytrees too. */
export const CONTAINER_METHODS: ReadonlySet<string> = new Set([
  "items",
  "keys",
  "values",
  "get",
  "append",
  "extend",
  "pop",
  "update",
  "setdefault",
]);

/** What the stage knows about a class the module defines. */
export interface ClassInfo {
  readonly role: "module" | "variable" | "other";
  /** Kinds of `self.<name>` assigned in the class's methods. */
  readonly attributes: Map<string, Kind>;
}

/** The kind of the items a `for` loop or comprehension takes from a value of kind `iterable`. */
export function elementKind(iterable: Kind): Kind {
  return iterable === "modules" ? "module" : iterable === "array" ? "array" : "python";
}

/** Kinds of expressions in one module: its classes and functions are read once, up front. */
export class KindAnalysis {
  readonly classes = new Map<string, ClassInfo>();
  readonly functions = new Set<string>();

  constructor(module: A.Module, readonly bindings: Bindings) {
    for (const s of module.body) {
      if (s.kind === "FunctionDef") this.functions.add(s.name);
    }
    for (const s of module.body) {
      if (s.kind === "ClassDef") this.classes.set(s.name, this.classInfo(s));
    }
  }

  /** The role of a user class, from its bases. */
  classRole(bases: readonly A.Arg[]): ClassInfo["role"] {
    for (const b of bases) {
      if (b.value.kind === "Name" && this.classes.has(b.value.id)) {
        return this.classes.get(b.value.id)!.role;
      }
      const q = qualifiedName(b.value, this.bindings, () => false);
      if (q === "flax.nnx.Module") return "module";
      if (q && /^flax\.nnx\.(Variable|Param|BatchStat|Cache|Intermediate)$/.test(q)) return "variable";
    }
    return "other";
  }

  classInfo(c: A.ClassDef): ClassInfo {
    const info: ClassInfo = { role: this.classRole(c.bases), attributes: new Map() };
    // Kinds of attributes come from a first pass over the methods, in order.
    this.classes.set(c.name, info);
    // `self.method(...)` calls one of the class's own methods.
    for (const s of c.body) if (s.kind === "FunctionDef") info.attributes.set(s.name, "callable");
    for (const s of c.body) {
      if (s.kind !== "FunctionDef") continue;
      const scope = this.functionScope(s, new Scope(), info.role === "module");
      this.collectSelfAttributes(s.body, scope, info);
    }
    return info;
  }

  collectSelfAttributes(body: readonly A.Stmt[], scope: Scope, info: ClassInfo): void {
    for (const s of body) {
      if (s.kind === "Assign" && s.value) {
        const kind = this.kindOf(s.value, scope, info);
        for (const t of s.targets) {
          if (t.kind === "Attribute" && t.value.kind === "Name" && t.value.id === "self") {
            info.attributes.set(t.attr, kind);
          } else this.bindTarget(t, kind, scope);
        }
      } else if (s.kind === "If" || s.kind === "For" || s.kind === "While" || s.kind === "With") {
        this.collectSelfAttributes(s.body, scope, info);
        if (s.kind === "If") this.collectSelfAttributes(s.orelse, scope, info);
      }
    }
  }

  functionScope(f: A.FunctionDef, parent: Scope, isModuleMethod: boolean): Scope {
    const scope = new Scope(parent);
    f.params.forEach((p, i) => {
      if (!p.name) return;
      const annotation = p.annotation ? qualifiedName(p.annotation, this.bindings, () => false) : undefined;
      // `model: MLP` (a Module class of this file) or `model: nnx.Module` is a module, not an array
      const annotatedClass = p.annotation?.kind === "Name" ? this.classes.get(p.annotation.id) : undefined;
      const isModule = annotatedClass?.role === "module" || annotation === "flax.nnx.Module";
      scope.set(p.name, isModule ? "module" : paramKind(p, isModuleMethod && i === 0 && p.name === "self", annotation));
    });
    return scope;
  }

  kindOf(e: A.Expr, scope: Scope, cls?: ClassInfo): Kind {
    switch (e.kind) {
      case "Constant":
        return "python";
      case "Tuple":
      case "List": {
        const kinds = e.elts.map((x) => this.kindOf(x, scope, cls));
        if (kinds.length && kinds.every((k) => k === "module")) return "modules";
        return kinds.includes("array") ? "array" : kinds.every((k) => k === "python") ? "python" : "unknown";
      }
      case "Name": {
        const local = scope.get(e.id);
        if (local) return local;
        if (this.functions.has(e.id) || this.classes.has(e.id)) return "callable";
        return "unknown";
      }
      case "Attribute": {
        const q = qualifiedName(e, this.bindings, (n) => scope.has(n));
        if (q && isJaxPath(q)) {
          const api = lookupApi(frontendPath(q));
          if (api?.row.constant) return api.row.returns ?? "python";
          return api?.row.returns === "dtype" ? "dtype" : "callable";
        }
        const base = this.kindOf(e.value, scope, cls);
        if (base === "module" && e.value.kind === "Name" && e.value.id === "self" && cls) {
          return cls.attributes.get(e.attr) ?? "unknown";
        }
        if (base === "variable" && e.attr === "value") return "array";
        // an attribute of a plain Python value (`jnp.finfo(dtype).min`) is one
        if (base === "python") return "python";
        if (base === "array") {
          const row = arrayTable[e.attr];
          return row && !("alias" in row) ? row.returns ?? "array" : "unknown";
        }
        return "unknown";
      }
      case "Call": {
        const f = e.func;
        const q = qualifiedName(f, this.bindings, (n) => scope.has(n));
        if (q && isJaxPath(q)) {
          // A dtype called as a function (`jnp.float32(x)`) is a cast: its result is an array.
          const returns = lookupApi(frontendPath(q))?.row.returns;
          return returns === undefined || returns === "dtype" ? "array" : returns;
        }
        if (f.kind === "Name") {
          const cls2 = this.classes.get(f.id);
          if (cls2) return cls2.role === "variable" ? "variable" : cls2.role === "module" ? "module" : "unknown";
          if (this.functions.has(f.id)) return "array";
          if (PYTHON_BUILTINS.has(f.id)) return "python";
          const local = scope.get(f.id);
          if (local === "module" || local === "callable" || local === "array") return "array";
          return "unknown";
        }
        if (f.kind === "Attribute") {
          const base = this.kindOf(f.value, scope, cls);
          if (base === "array") {
            if (f.attr === "get" || this.atMethod(f) || CONTAINER_METHODS.has(f.attr)) return "array";
            const row = arrayTable[f.attr];
            return row && !("alias" in row) ? row.returns ?? "array" : "unknown";
          }
          if (base === "rngs") return "key";
          if (base === "module") return "array";
          if (this.atMethod(f)) return "array";
        }
        // A called parameter is a function or a module: what JAX code calls returns arrays (or pytrees of them).
        const callee = this.kindOf(f, scope, cls);
        return callee === "module" || callee === "callable" || callee === "array" ? "array" : "unknown";
      }
      case "Subscript": {
        const base = this.kindOf(e.value, scope, cls);
        if (base === "modules") return "module";
        if (base === "variable") return "array";
        return base === "array" || base === "python" ? base : "unknown";
      }
      case "BinOp": {
        const l = this.kindOf(e.left, scope, cls);
        const r = this.kindOf(e.right, scope, cls);
        if (l === "array" || r === "array" || l === "variable" || r === "variable") return "array";
        return l === "python" && r === "python" ? "python" : "unknown";
      }
      case "UnaryOp":
        return this.kindOf(e.operand, scope, cls);
      case "Compare":
      case "BoolOp": {
        const parts = e.kind === "Compare" ? [e.left, ...e.comparators] : e.values;
        return parts.some((p) => this.kindOf(p, scope, cls) === "array") ? "array" : "python";
      }
      case "IfExp": {
        const a = this.kindOf(e.body, scope, cls);
        return a === this.kindOf(e.orelse, scope, cls) ? a : "unknown";
      }
      case "Comprehension":
        return "python";
      case "Lambda":
        return "callable";
      default:
        return "unknown";
    }
  }

  atMethod(f: A.Attribute): boolean {
    return f.value.kind === "Subscript" && f.value.value.kind === "Attribute" && f.value.value.attr === "at" &&
      Object.hasOwn(AT_METHODS, f.attr);
  }

  bindTarget(t: A.Expr, kind: Kind, scope: Scope): void {
    if (t.kind === "Name") scope.set(t.id, kind);
    else if (t.kind === "Tuple" || t.kind === "List") {
      for (const x of t.elts) this.bindTarget(x, kind === "modules" ? "module" : kind, scope);
    } else if (t.kind === "Starred") this.bindTarget(t.value, kind, scope);
  }
}
