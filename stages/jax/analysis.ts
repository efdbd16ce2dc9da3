/**
 * The kind analysis of the `jax` stage: what each expression is (array,
 * Python value, Module, Variable, Rngs, ...), from the rules of `infer.ts`,
 * the API tables' declared results, and what each user class is and holds.
 *
 * @module
 */
import * as A from "../ast.ts";
import { annotationKind } from "./annotations.ts";
import { isNone } from "../literals.ts";
import { type Bindings, importBindings, isJaxPath, qualifiedName } from "./imports.ts";
import { paramKind, PYTHON_BUILTINS, Scope } from "./infer.ts";
import { frontendPath, lookupApi } from "../jax_frontend/registry.ts";
import { arrayTable } from "../jax_frontend/tables/array.ts";
import type { Kind } from "../jax_frontend/api.ts";
import type { Definition } from "./package.ts";

/** `x.at[i].<method>(...)` to the frontend's `jax_frontend.Array.<name>`. */
export const AT_METHODS: Record<string, string> = {
  set: "at_set",
  add: "at_add",
  multiply: "at_multiply",
  mul: "at_multiply",
  divide: "at_divide",
  power: "at_power",
  min: "at_min",
  max: "at_max",
  get: "at_get",
};

/** What an array method or property returns, following an alias to its `jax.numpy` function; unknown if none. */
function arrayMemberReturns(name: string): Kind {
  if (!Object.hasOwn(arrayTable, name)) return "unknown";
  return lookupApi(`Array.${name}`)?.row.returns ?? "array";
}

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

/** Methods every `nnx.Module` has, rows of the frontend's `nnx.Module` table (`model.eval()`). */
export const MODULE_METHODS: ReadonlySet<string> = new Set(["train", "eval"]);

/** Methods of `nnx.metrics` objects, which arrays do not have: an argument's `metrics.compute()` stays a call. */
export const METRIC_METHODS: ReadonlySet<string> = new Set(["compute", "reset"]);

/** What the stage knows about a class the module defines. */
export interface ClassInfo {
  /** `other`: a plain Python class (a config dataclass, a `NamedTuple`); `enum`: an `Enum`. */
  readonly role: "module" | "variable" | "enum" | "other";
  readonly name: string;
  /** Kinds of `self.<name>` assigned in the class's methods, of its fields and of its properties. */
  readonly attributes: Map<string, Kind>;
  /** What calling each method returns, where its annotation or its `return`s say. */
  readonly returns: Map<string, Kind>;
  /** Methods that take no instance: `@classmethod` and `@staticmethod`. */
  readonly classMethods: Set<string>;
  /** `self.pool = functools.partial(nnx.max_pool, ...)`: attributes bound to a partial JAX API, inlined where called. */
  readonly partials: Map<string, A.Call>;
  /** The user classes it derives from. */
  readonly bases: readonly string[];
}

/** The kind of the items a `for` loop or comprehension takes from a value of kind `iterable`. */
export function elementKind(iterable: Kind): Kind {
  return iterable === "modules" ? "module" : iterable === "array" ? "array" : "python";
}

/** The class name of an `instance:C` kind. */
export function instanceClass(kind: Kind | undefined): string | undefined {
  return kind?.startsWith("instance:") ? kind.slice("instance:".length) : undefined;
}

/** The class name of a `class:C` kind. */
function classOf(kind: Kind): string | undefined {
  return kind.startsWith("class:") ? kind.slice("class:".length) : undefined;
}

const decoratorName = (d: A.Expr) => A.dottedPath(d.kind === "Call" ? d.func : d)?.split(".").at(-1);

/** Kinds of expressions in one module: its classes, functions and constants are read once, up front. */
export class KindAnalysis {
  readonly classes = new Map<string, ClassInfo>();
  readonly functions = new Map<string, A.FunctionDef>();
  /** Kinds of the module's top-level names, as its statements bind them in order. */
  readonly moduleScope = new Scope();

  /**
   * @param module The module.
   * @param bindings Its import bindings.
   * @param external What a qualified name defined by another module of the input package is.
   */
  constructor(
    module: A.Module,
    readonly bindings: Bindings,
    readonly external: (qualified: string) => Definition | undefined = () => undefined,
  ) {
    for (const s of module.body) {
      if (s.kind === "FunctionDef") this.functions.set(s.name, s);
      if (s.kind === "ClassDef") this.classes.set(s.name, this.emptyClassInfo(s));
    }
    // a plain class of another module of the package (a config dataclass): its fields' kinds, read in its module
    for (const [local, qualified] of bindings) {
      const d = this.classes.has(local) ? undefined : external(qualified);
      if (d?.what !== "class" || d.role !== "other") continue;
      const there = new KindAnalysis({ kind: "Module", body: d.body }, importBindings(d.body)).classes.get(d.name);
      if (there) this.classes.set(local, { ...there, name: local });
    }
    for (const s of module.body) {
      if (s.kind === "ClassDef") this.readClass(s, this.classes.get(s.name)!);
      else if (s.kind === "Assign" && s.value) {
        const annotated = s.annotation && this.annotationKind(s.annotation);
        const kind = annotated ?? this.kindOf(s.value, this.moduleScope);
        for (const t of s.targets) this.bindTarget(t, kind, this.moduleScope);
      }
    }
  }

  /** The kind a type annotation gives, or undefined when it does not say. */
  annotationKind(e: A.Expr): Kind | undefined {
    return annotationKind(e, {
      qualified: (x) => qualifiedName(x, this.bindings, () => false),
      classKind: (name) => this.instanceKind(name),
    });
  }

  /** What calling the module's class `name` (or one it imports from another module of the package) makes. */
  instanceKind(name: string): Kind | undefined {
    const info = this.classes.get(name);
    if (!info) return this.importedInstanceKind(qualifiedName(A.name(name), this.bindings, () => false));
    if (info.role === "module" || info.role === "variable") return info.role;
    return info.role === "enum" ? "python" : `instance:${name}`;
  }

  /** The role of a user class, from its bases. */
  classRole(bases: readonly A.Arg[]): ClassInfo["role"] {
    for (const b of bases) {
      if (b.value.kind === "Name" && this.classes.has(b.value.id)) {
        return this.classes.get(b.value.id)!.role;
      }
      const q = qualifiedName(b.value, this.bindings, () => false);
      if (q === "flax.nnx.Module") return "module";
      const imported = q === undefined ? undefined : this.external(q);
      if (imported?.what === "class") return imported.role;
      if (q && /^flax\.nnx\.(Variable|Param|BatchStat|Cache|Intermediate)$/.test(q)) return "variable";
      if (q && /^enum\.(Enum|IntEnum|StrEnum|Flag|IntFlag)$/.test(q)) return "enum";
    }
    return "other";
  }

  emptyClassInfo(c: A.ClassDef): ClassInfo {
    return {
      role: "other",
      name: c.name,
      attributes: new Map(),
      returns: new Map(),
      classMethods: new Set(),
      partials: new Map(),
      bases: c.bases.flatMap((b) => (b.value.kind === "Name" ? [b.value.id] : [])),
    };
  }

  /** Reads a class's roles, fields, properties and methods; attribute kinds come from its methods, in order. */
  readClass(c: A.ClassDef, info: ClassInfo): void {
    (info as { role: ClassInfo["role"] }).role = this.classRole(c.bases);
    for (const s of c.body) {
      if (s.kind === "FunctionDef") {
        const decorators = s.decorators.map(decoratorName);
        if (decorators.includes("classmethod") || decorators.includes("staticmethod")) info.classMethods.add(s.name);
        info.attributes.set(s.name, "callable");
      } else if (s.kind === "Assign") {
        // fields of a dataclass or NamedTuple, members of an Enum, class constants
        const annotated = s.annotation && this.annotationKind(s.annotation);
        const kind = info.role === "enum"
          ? "python"
          : annotated ?? (s.value ? this.kindOf(s.value, this.moduleScope) : "unknown");
        for (const t of s.targets) if (t.kind === "Name") info.attributes.set(t.id, kind);
      }
    }
    for (const s of c.body) {
      if (s.kind !== "FunctionDef") continue;
      const scope = this.functionScope(s, this.moduleScope, info);
      this.collectSelfAttributes(s.body, scope, info);
      const returned = this.returnKind(s, scope);
      if (returned) info.returns.set(s.name, returned);
      if (s.decorators.map(decoratorName).includes("property")) info.attributes.set(s.name, returned ?? "unknown");
    }
  }

  /** What a function returns: its annotation's kind, else the kind all its `return`s agree on. */
  returnKind(f: A.FunctionDef, scope: Scope): Kind | undefined {
    const annotated = f.returns && this.annotationKind(f.returns);
    if (annotated) return annotated;
    const kinds = new Set<Kind>();
    const visit = (body: readonly A.Stmt[]) => {
      for (const s of body) {
        if (s.kind === "Return" && s.value) kinds.add(this.kindOf(s.value, scope));
        else if (s.kind === "If") [s.body, s.orelse].forEach(visit);
        else if (s.kind === "For" || s.kind === "While" || s.kind === "With") visit(s.body);
      }
    };
    visit(f.body);
    return kinds.size === 1 ? [...kinds][0] : undefined;
  }

  collectSelfAttributes(body: readonly A.Stmt[], scope: Scope, info: ClassInfo): void {
    for (const s of body) {
      if (s.kind === "Assign" && s.value) {
        const kind = (s.annotation && this.annotationKind(s.annotation)) ?? this.kindOf(s.value, scope, info);
        for (const t of s.targets) {
          if (t.kind === "Attribute" && t.value.kind === "Name" && t.value.id === "self") {
            // `self.gamma = None` in the other branch says nothing about what `self.gamma` is when it is set
            if (!isNone(s.value) || !info.attributes.has(t.attr)) info.attributes.set(t.attr, kind);
            const partial = this.partialOfApi(s.value, scope);
            if (partial) info.partials.set(t.attr, partial);
          } else this.bindAssignment([t], s.value, kind, scope);
        }
      } else if (s.kind === "If" || s.kind === "For" || s.kind === "While" || s.kind === "With") {
        this.collectSelfAttributes(s.body, scope, info);
        if (s.kind === "If") this.collectSelfAttributes(s.orelse, scope, info);
      }
    }
  }

  /** The scope of a function's body: its parameters' kinds, `self` and `cls` of a method included. */
  functionScope(f: A.FunctionDef, parent: Scope, cls?: ClassInfo): Scope {
    const scope = new Scope(parent);
    const isClassMethod = cls?.classMethods.has(f.name) ?? false;
    const isStatic = f.decorators.some((d) => decoratorName(d) === "staticmethod");
    f.params.forEach((p, i) => {
      if (!p.name) return;
      if (cls && i === 0 && !isStatic && p.name === (isClassMethod ? "cls" : "self")) {
        const self = cls.role === "module" ? "module" : cls.role === "variable" ? "variable" : `instance:${cls.name}`;
        scope.set(p.name, isClassMethod ? `class:${cls.name}` : self as Kind);
        return;
      }
      const annotation = p.annotation ? qualifiedName(p.annotation, this.bindings, () => false) : undefined;
      const annotated = p.annotation && !p.star ? this.annotationKind(p.annotation) : undefined;
      if (annotated === "module") scope.setModuleClass(p.name, this.moduleClassNamed(p.annotation!));
      else scope.set(p.name, annotated ?? paramKind(p, false, annotation));
    });
    return scope;
  }

  /** The kind of attribute `attr` of an instance of class `name`, looking through its user base classes. */
  memberKind(name: string, attr: string): Kind | undefined {
    const info = this.classes.get(name);
    if (!info) return undefined;
    return info.attributes.get(attr) ?? info.bases.map((b) => this.memberKind(b, attr)).find((k) => k);
  }

  /** What calling method `attr` of class `name` returns. */
  methodReturn(name: string, attr: string): Kind | undefined {
    const info = this.classes.get(name);
    if (!info) return undefined;
    return info.returns.get(attr) ?? info.bases.map((b) => this.methodReturn(b, attr)).find((k) => k);
  }

  /** `functools.partial(nnx.Linear, use_bias=False)`: a JAX API with arguments bound, inlined where called. */
  partialOfApi(e: A.Expr, scope: Scope): A.Call | undefined {
    if (e.kind !== "Call" || qualifiedName(e.func, this.bindings, (n) => scope.has(n)) !== "functools.partial") {
      return undefined;
    }
    const fn = e.args[0];
    const path = fn && !fn.name && !fn.star ? qualifiedName(fn.value, this.bindings, (n) => scope.has(n)) : undefined;
    return path && isJaxPath(path) ? e : undefined;
  }

  /** A call of a name bound to a partial, with the partial's arguments put in: `linear(2, 3)` to `nnx.Linear(2, 3, ...)`. */
  inlinePartial(e: A.Call, scope: Scope, cls?: ClassInfo): A.Call | undefined {
    const f = e.func;
    const onSelf = f.kind === "Attribute" && f.value.kind === "Name" && f.value.id === "self";
    const p = f.kind === "Name" ? scope.partial(f.id) : onSelf && cls ? cls.partials.get(f.attr) : undefined;
    if (!p) return undefined;
    const [fn, ...bound] = p.args;
    const isKeyword = (a: A.Arg) => a.name !== undefined || a.star === "**";
    const given = new Set(e.args.flatMap((a) => (a.name ? [a.name] : [])));
    return {
      ...e,
      func: fn.value,
      args: [
        ...bound.filter((a) => !isKeyword(a)),
        ...e.args.filter((a) => !isKeyword(a)),
        ...bound.filter((a) => isKeyword(a) && !(a.name && given.has(a.name))),
        ...e.args.filter(isKeyword),
      ],
    };
  }

  /** Binds an assignment's targets: to the value's kind, or to the partial application it makes. */
  bindAssignment(targets: readonly A.Expr[], value: A.Expr, kind: Kind, scope: Scope): void {
    const single = targets.length === 1 && targets[0].kind === "Name" ? targets[0].id : undefined;
    const partial = single ? this.partialOfApi(value, scope) : undefined;
    if (partial) scope.setPartial(single!, partial);
    else if (single && kind === "module") scope.setModuleClass(single, this.moduleClassOf(value, scope));
    else for (const t of targets) this.bindTarget(t, kind, scope);
  }

  /** The user Module class an annotation names (`model: VAE`). */
  moduleClassNamed(annotation: A.Expr): string | undefined {
    return annotation.kind === "Name" && this.classes.get(annotation.id)?.role === "module" ? annotation.id : undefined;
  }

  /** The user Module class whose instance `e` is: a constructor call, a function annotated to return one, a name. */
  moduleClassOf(e: A.Expr, scope: Scope): string | undefined {
    if (e.kind === "Name") return scope.moduleClass(e.id);
    if (e.kind !== "Call" || e.func.kind !== "Name" || scope.has(e.func.id)) return undefined;
    const returns = this.functions.get(e.func.id)?.returns;
    return returns ? this.moduleClassNamed(returns) : this.moduleClassNamed(e.func);
  }

  /** The user class an expression names (`Config` in `Config.small()`), unless a local shadows it. */
  classNamed(e: A.Expr, scope: Scope): ClassInfo | undefined {
    return e.kind === "Name" && !scope.has(e.id) ? this.classes.get(e.id) : undefined;
  }

  kindOf(e: A.Expr, scope: Scope, cls?: ClassInfo): Kind {
    switch (e.kind) {
      case "Constant":
      case "FString":
      case "Comprehension":
        return "python";
      case "Tuple":
      case "List": {
        const kinds = e.elts.map((x) => this.kindOf(x, scope, cls));
        if (kinds.length && kinds.every((k) => k === "module")) return "modules";
        return kinds.includes("array") ? "array" : kinds.every((k) => k === "python") ? "python" : "unknown";
      }
      case "Dict": {
        // a pytree of arrays, a table of Python values, or a table of functions (`{"gelu": jax.nn.gelu}`)
        const kinds = e.values.map((x) => this.kindOf(x, scope, cls));
        if (kinds.includes("array")) return "array";
        if (kinds.length && kinds.every((k) => k === "callable")) return "callable";
        return kinds.every((k) => k === "python") ? "python" : "unknown";
      }
      case "Name": {
        const local = scope.get(e.id);
        if (local) return local;
        if (this.functions.has(e.id) || this.classes.has(e.id)) return "callable";
        return this.moduleScope.get(e.id) ?? this.importedKind(e, scope) ?? "unknown";
      }
      case "Attribute":
        return this.attributeKind(e, scope, cls);
      case "Call":
        return this.callKind(e, scope, cls);
      case "Subscript": {
        const base = this.kindOf(e.value, scope, cls);
        if (base === "modules") return "module";
        if (base === "variable") return "array";
        return base === "array" || base === "python" || base === "callable" ? base : "unknown";
      }
      case "BinOp": {
        // down the left operands with a loop (`a + b + c` is `(a + b) + c`), so no chain is too long
        const spine: A.BinOp[] = [e];
        let at = e.left;
        for (; at.kind === "BinOp"; at = at.left) spine.push(at);
        let kind = this.kindOf(at, scope, cls);
        for (let i = spine.length - 1; i >= 0; i--) kind = binOpKind(kind, this.kindOf(spine[i].right, scope, cls));
        return kind;
      }
      case "UnaryOp":
        return e.op === "not" ? "python" : this.kindOf(e.operand, scope, cls);
      case "Compare":
      case "BoolOp": {
        const parts = e.kind === "Compare" ? [e.left, ...e.comparators] : e.values;
        return parts.some((p) => this.kindOf(p, scope, cls) === "array") ? "array" : "python";
      }
      case "IfExp": {
        // `nnx.Param(w) if scale else None`: an optional value has the kind of what it is when set
        if (isNone(e.orelse)) return this.kindOf(e.body, scope, cls);
        if (isNone(e.body)) return this.kindOf(e.orelse, scope, cls);
        const a = this.kindOf(e.body, scope, cls);
        return a === this.kindOf(e.orelse, scope, cls) ? a : "unknown";
      }
      case "Lambda":
        return "callable";
      default:
        return "unknown";
    }
  }

  /** The kind of a name imported from another module of the package: a constant's value, or a callable. */
  importedKind(e: A.Name | A.Attribute, scope: Scope): Kind | undefined {
    const q = qualifiedName(e, this.bindings, (n) => scope.has(n));
    const d = q === undefined ? undefined : this.external(q);
    if (!d) return undefined;
    return d.what === "constant" ? d.kind : "callable";
  }

  /** What calling a Module or Variable class of another module of the package makes. */
  importedInstanceKind(qualified: string | undefined): Kind | undefined {
    const d = qualified === undefined ? undefined : this.external(qualified);
    return d?.what === "class" && (d.role === "module" || d.role === "variable") ? d.role : undefined;
  }

  attributeKind(e: A.Attribute, scope: Scope, cls?: ClassInfo): Kind {
    const q = qualifiedName(e, this.bindings, (n) => scope.has(n));
    if (q && isJaxPath(q)) {
      const api = lookupApi(frontendPath(q));
      if (api?.row.constant) return api.row.returns ?? "python";
      return api?.row.returns === "dtype" ? "dtype" : "callable";
    }
    const imported = this.importedKind(e, scope);
    if (imported) return imported;
    // `Activation.GELU`, `Config.small`, `cls.DEFAULT`: a member of a class
    const owner = this.classNamed(e.value, scope)?.name ?? classOf(this.kindOf(e.value, scope, cls));
    if (owner) return this.memberKind(owner, e.attr) ?? "unknown";
    const base = this.kindOf(e.value, scope, cls);
    const instance = instanceClass(base);
    if (instance) return this.memberKind(instance, e.attr) ?? "unknown";
    if (base === "module" && e.value.kind === "Name" && e.value.id === "self" && cls) {
      return this.memberKind(cls.name, e.attr) ?? "unknown";
    }
    if (base === "variable" && e.attr === "value") return "array";
    // an attribute of a plain Python value (`jnp.finfo(dtype).min`) is one
    if (base === "python") return "python";
    if (base === "array") return arrayMemberReturns(e.attr);
    return "unknown";
  }

  callKind(e: A.Call, scope: Scope, cls?: ClassInfo): Kind {
    const inlined = this.inlinePartial(e, scope, cls);
    if (inlined) return this.callKind(inlined, scope, cls);
    const f = e.func;
    const q = qualifiedName(f, this.bindings, (n) => scope.has(n));
    // `optax.inject_hyperparams(optax.adam)(learning_rate=...)`: the transform the wrapped factory makes
    if (f.kind === "Call" && qualifiedName(f.func, this.bindings, (n) => scope.has(n)) === "optax.inject_hyperparams") {
      return "transform";
    }
    // `nnx.data(...)`/`nnx.static(...)` mark a value for pytrees: the value's kind
    if ((q === "flax.nnx.data" || q === "flax.nnx.static") && e.args[0]) {
      return this.kindOf(e.args[0].value, scope, cls);
    }
    if (q && isJaxPath(q)) {
      // A dtype called as a function (`jnp.float32(x)`) is a cast: its result is an array.
      const returns = lookupApi(frontendPath(q))?.row.returns;
      return returns === undefined || returns === "dtype" ? "array" : returns;
    }
    const imported = q === undefined ? undefined : this.external(q);
    if (imported?.what === "function") return "array";
    if (imported?.what === "class") return this.importedInstanceKind(q) ?? "unknown";
    const first = e.args[0]?.value;
    // `dataclasses.replace(cfg, ...)` is another config; `functools.partial(f, ...)` a function
    if (q === "dataclasses.replace" && first) return this.kindOf(first, scope, cls);
    if (q === "functools.partial") return "callable";
    const userClass = this.classNamed(f, scope)?.name ?? classOf(this.kindOf(f, scope, cls));
    if (userClass) return this.instanceKind(userClass)!;
    if (f.kind === "Name" && !scope.has(f.id)) {
      const fn = this.functions.get(f.id);
      if (fn) return (fn.returns && this.annotationKind(fn.returns)) ?? "array";
      // `getattr(cfg, "name", default)` with a literal name reads that attribute
      const name = e.args[1]?.value;
      if (f.id === "getattr" && first && name?.kind === "Constant" && name.isString) {
        return this.attributeKind(
          { kind: "Attribute", value: first, attr: name.value as string, loc: e.loc },
          scope,
          cls,
        );
      }
      if (PYTHON_BUILTINS.has(f.id)) return "python";
    }
    if (f.kind === "Name") {
      const local = scope.get(f.id) ?? this.moduleScope.get(f.id);
      // a Module whose `__call__` returns a config-like instance (a NamedTuple of outputs)
      const module = local === "module" ? scope.moduleClass(f.id) ?? this.moduleScope.moduleClass(f.id) : undefined;
      const returned = module ? this.methodReturn(module, "__call__") : undefined;
      if (returned && instanceClass(returned)) return returned;
      if (local === "module" || local === "callable" || local === "array") return "array";
      return "unknown";
    }
    if (f.kind === "Attribute") {
      const owner = this.classNamed(f.value, scope)?.name;
      if (owner) return this.methodReturn(owner, f.attr) ?? "unknown";
      const base = this.kindOf(f.value, scope, cls);
      const instance = instanceClass(base) ?? classOf(base);
      if (instance) return this.methodReturn(instance, f.attr) ?? "unknown";
      if (base === "array") {
        if (f.attr === "get" || this.atMethod(f) || CONTAINER_METHODS.has(f.attr)) return "array";
        if (METRIC_METHODS.has(f.attr) && !arrayTable[f.attr]) return "python";
        return arrayMemberReturns(f.attr);
      }
      if (base === "rngs") return "key";
      // a metric's `compute()`: an array, a dict of them, or Welford's Statistics
      if (base === "python" && METRIC_METHODS.has(f.attr)) return "python";
      if (base === "module") {
        const own = f.value.kind === "Name" && f.value.id === "self" && cls
          ? this.methodReturn(cls.name, f.attr)
          : undefined;
        return own ?? "array";
      }
      if (this.atMethod(f)) return "array";
    }
    // A called parameter is a function or a module: what JAX code calls returns arrays (or pytrees of them).
    const callee = this.kindOf(f, scope, cls);
    return callee === "module" || callee === "callable" || callee === "array" ? "array" : "unknown";
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

/** The kind of a binary operator's value, from its operands' kinds. */
function binOpKind(l: Kind, r: Kind): Kind {
  if (l === "array" || r === "array" || l === "variable" || r === "variable") return "array";
  return l === "python" && r === "python" ? "python" : "unknown";
}
