/**
 * The static analysis of value kinds: which names hold arrays, Python
 * values, Modules, Variables or Rngs. It never runs the code; where it cannot
 * tell, the kind is `unknown` and callers report instead of guessing.
 *
 * The rules, in the user's terms:
 * - a function parameter is an array unless it has a Python default, a
 *   Python annotation (`int`, `float`, `bool`, `str`, `tuple`, ...), is named
 *   `rngs`/annotated `nnx.Rngs`, or is `self` of a method;
 * - `self.name` has the kind of what `__init__` assigned to it;
 * - an API call has the kind its table row declares; an operator on an array
 *   is an array; a literal, `len(...)`, `range(...)` or `x.shape` is Python.
 *
 * @module
 */
import type * as A from "../ast.ts";
import type { Kind } from "../jax_frontend/api.ts";

/** Kinds of the names visible in one function body. */
export class Scope {
  readonly #kinds = new Map<string, Kind>();
  constructor(readonly parent?: Scope) {}

  /** The kind of `name`, looking outward. */
  get(name: string): Kind | undefined {
    return this.#kinds.get(name) ?? this.parent?.get(name);
  }

  /** True when `name` is bound in this scope or an enclosing function scope. */
  has(name: string): boolean {
    return this.#kinds.has(name) || (this.parent?.has(name) ?? false);
  }

  readonly #partials = new Map<string, A.Call>();

  /** The `functools.partial(<JAX API>, ...)` call `name` is bound to, looking outward. */
  partial(name: string): A.Call | undefined {
    if (this.#kinds.has(name)) return this.#partials.get(name);
    return this.parent?.partial(name);
  }

  /** Binds `name` to a partial application of a JAX API, inlined where `name` is called. */
  setPartial(name: string, call: A.Call): void {
    this.set(name, "callable");
    this.#partials.set(name, call);
  }

  readonly #moduleClasses = new Map<string, string | undefined>();

  /** The user Module class whose instance `name` is, where every binding of `name` agrees on it. */
  moduleClass(name: string): string | undefined {
    if (this.#kinds.has(name)) return this.#moduleClasses.get(name);
    return this.parent?.moduleClass(name);
  }

  /** Binds `name` to an instance of the user Module class `cls` (or of an unknown class). */
  setModuleClass(name: string, cls: string | undefined): void {
    const known = this.#kinds.get(name) === "module";
    this.set(name, "module");
    this.#moduleClasses.set(name, known && this.#moduleClasses.get(name) !== cls ? undefined : cls);
  }

  /** Binds `name`; a name bound twice with different kinds becomes `unknown`. */
  set(name: string, kind: Kind): void {
    this.#partials.delete(name);
    if (kind !== "module") this.#moduleClasses.delete(name);
    const old = this.#kinds.get(name);
    this.#kinds.set(name, old === undefined || old === kind ? kind : joinKinds(old, kind));
  }
}

function joinKinds(a: Kind, b: Kind): Kind {
  if (a === b) return a;
  if ((a === "array" && b === "python") || (a === "python" && b === "array")) return "array";
  return "unknown";
}

const PYTHON_ANNOTATIONS = new Set(["int", "float", "bool", "str", "tuple", "list", "dict", "Sequence", "Tuple"]);

/** The kind of a parameter, from its name, annotation and default. */
export function paramKind(p: A.Param, isMethodSelf: boolean, annotationPath?: string): Kind {
  if (isMethodSelf) return "module";
  if (p.star) return "python";
  if (annotationPath?.endsWith("nnx.Rngs") || p.name === "rngs") return "rngs";
  if (p.annotation) {
    const ann = p.annotation.kind === "Subscript" ? p.annotation.value : p.annotation;
    if (ann.kind === "Name" && PYTHON_ANNOTATIONS.has(ann.id)) return "python";
  }
  if (p.default && p.default.kind === "Constant") return "python";
  if (p.default && (p.default.kind === "Tuple" || p.default.kind === "List")) return "python";
  return "array";
}

/** Python builtins whose result is a Python value. */
export const PYTHON_BUILTINS = new Set([
  "len",
  "range",
  "int",
  "float",
  "bool",
  "str",
  "tuple",
  "list",
  "dict",
  "enumerate",
  "zip",
  "isinstance",
  "print",
  "abs",
  "min",
  "max",
  "round",
  "sum",
  "sorted",
  "reversed",
  "any",
  "all",
  "hasattr",
  "getattr",
  "type",
  "super",
  "divmod",
  "pow",
  "map",
  "filter",
  "slice",
  "ValueError",
  "TypeError",
  "NotImplementedError",
  "RuntimeError",
  "AssertionError",
  "KeyError",
  "IndexError",
  "Exception",
]);
