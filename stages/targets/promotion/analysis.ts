/**
 * The static dtype analysis behind `promotion.ts`: what is known about each
 * value of the ivy IR — an array and maybe its dtype, or a Python scalar and
 * maybe its category — and JAX's result dtype of each core op.
 *
 * The analysis is static and per function: a literal is a weak Python scalar;
 * a creation op, `astype` and every core op give their JAX result dtype; a
 * name has the dtype of everything assigned to it, or none when they differ;
 * a function parameter is an array of unknown dtype (as in `stages/jax.ts`);
 * an element of a shape is a Python int. In a class, a Variable's value
 * (`self.v.value`, `self.v[...]`) has what every value the class gives it
 * has in common (`variableValues`), so that an int32 cache index stays known.
 * A call of the module's own code has what its callee returns, and each
 * analysis may carry a `hinted` twin whose parameters are what the module's
 * call sites pass (`calls.ts`).
 *
 * @module
 */
import * as A from "../../ast.ts";
import { paramKind } from "../../jax/infer.ts";
import type { CoreDtype } from "../../ivy/ops.ts";
import { isNone } from "../../literals.ts";
import { CORE_RESULTS } from "../../ivy/results.ts";
import { mapBody } from "../../walk.ts";

/** The dtype category JAX promotes on: bool < int < float. */
export type Category = "bool" | "int" | "float";

/** What the analysis knows about a value: an array and maybe its dtype, or a Python scalar of a category. */
export type ValueInfo =
  | { readonly array: true; readonly dtype?: CoreDtype }
  | { readonly array: false; readonly category?: Category };

/** Nothing known: maybe an array, maybe not. */
const UNKNOWN = undefined;
/** What is known about a value, or nothing. */
export type Info = ValueInfo | typeof UNKNOWN;

const ARRAY: ValueInfo = { array: true };
const array = (dtype?: CoreDtype): ValueInfo => (dtype ? { array: true, dtype } : ARRAY);
const python = (category?: Category): ValueInfo => ({ array: false, category });

/** The category of a dtype. */
export function categoryOf(dtype: CoreDtype): Category {
  if (dtype === "bool_") return "bool";
  return dtype.startsWith("int") || dtype === "uint8" ? "int" : "float";
}

const RANK: Record<Category, number> = { bool: 0, int: 1, float: 2 };
/** JAX's dtype for a weak Python scalar of a category that wins over the array's. */
const DEFAULT_DTYPE: Record<Category, CoreDtype> = { bool: "bool_", int: "int32", float: "float32" };
const WIDTH: Partial<Record<CoreDtype, number>> = {
  int8: 8,
  uint8: 8,
  int32: 32,
  int64: 64,
  float16: 16,
  bfloat16: 16,
  float32: 32,
  float64: 64,
};

/** JAX's result dtype of two arrays, where this module knows it. */
function promoteArrays(a: CoreDtype, b: CoreDtype): CoreDtype | undefined {
  if (a === b) return a;
  const [ca, cb] = [categoryOf(a), categoryOf(b)];
  if (ca !== cb) return RANK[ca] > RANK[cb] ? a : b;
  if (ca === "float" && WIDTH[a] === 16 && WIDTH[b] === 16) return "float32";
  if (a === "uint8" || b === "uint8") return undefined;
  return WIDTH[a]! > WIDTH[b]! ? a : b;
}

/** JAX's dtype for an operation on two values, when both are known and one is an array. */
export function promote(a: Info, b: Info): CoreDtype | undefined {
  if (!a || !b || (!a.array && !b.array)) return undefined;
  if (a.array && b.array) {
    if (a.dtype && b.dtype) return promoteArrays(a.dtype, b.dtype);
    // float32 is the widest real dtype JAX computes in (64-bit mode off): any array with it gives float32
    return a.dtype === "float32" || b.dtype === "float32" ? "float32" : undefined;
  }
  const [arr, scalar] = (a.array ? [a, b] : [b, a]) as [{ dtype?: CoreDtype }, { category?: Category }];
  // a float32 array with any real Python number (`max_wavelength ** f32`, whatever its default) is float32
  if (arr.dtype === "float32") return "float32";
  if (!arr.dtype || !scalar.category) return undefined;
  return RANK[scalar.category] > RANK[categoryOf(arr.dtype)] ? DEFAULT_DTYPE[scalar.category] : arr.dtype;
}

/** The `math` constants lowerings write for `jnp.pi` and friends: Python floats. */
export const MATH_FLOATS: ReadonlySet<string> = new Set(["math.pi", "math.e", "math.inf", "math.nan", "math.tau"]);

/** The `math` functions whose result is not a float (the rest, `math.log`, `math.sqrt`, ..., give floats). */
const MATH_RESULTS: Readonly<Record<string, Category>> = {
  floor: "int",
  ceil: "int",
  trunc: "int",
  gcd: "int",
  lcm: "int",
  isqrt: "int",
  factorial: "int",
  comb: "int",
  perm: "int",
  prod: "int",
  isnan: "bool",
  isinf: "bool",
  isfinite: "bool",
  isclose: "bool",
};

/** The category a Python annotation names: `x: float`, `n: int`, `flag: bool`. */
function annotationCategory(annotation?: A.Expr): Category | undefined {
  const name = annotation?.kind === "Name" ? annotation.id : undefined;
  return name === "float" || name === "int" || name === "bool" ? name : undefined;
}

/** The core op an `ivy.<op>(...)` call calls. */
export function coreOp(e: A.Expr): string | undefined {
  if (e.kind !== "Call") return undefined;
  const path = A.dottedPath(e.func);
  return path?.startsWith("ivy.") ? path.slice(4) : undefined;
}

/** A call's argument by position or keyword. */
export function argument(call: A.Call, position: number, keyword: string): A.Expr | undefined {
  const named = call.args.find((a) => a.name === keyword);
  if (named) return named.value;
  const positional = call.args.filter((a) => !a.name && !a.star);
  return positional[position]?.value;
}

/** The dtype an `ivy.<dtype>` expression names. */
function dtypeLiteral(e: A.Expr | undefined): CoreDtype | undefined {
  const path = e && A.dottedPath(e);
  return path?.startsWith("ivy.") ? path.slice(4) as CoreDtype : undefined;
}

/** The category of a number or bool literal. */
function literalCategory(e: A.Constant): Category | undefined {
  if (typeof e.value === "boolean") return "bool";
  if (typeof e.value !== "number") return undefined;
  return /[.eE]|inf|nan/.test(e.raw ?? String(e.value)) ? "float" : "int";
}

/** What two bindings of one name (or two values of one parameter) have in common. */
export function join(a: Info, b: Info): Info {
  if (!a || !b || a.array !== b.array) return UNKNOWN;
  if (sameInfo(a, b)) return a;
  return a.array ? ARRAY : python();
}

/** True when two infos say the same. */
export function sameInfo(a: Info, b: Info): boolean {
  if (!a || !b) return a === b;
  if (a.array !== b.array) return false;
  return a.array
    ? a.dtype === (b as { dtype?: CoreDtype }).dtype
    : a.category === (b as { category?: Category }).category;
}

/** The names of one function body (or the module), with what is known about each. */
export class Scope {
  readonly #names = new Map<string, Info>();
  /**
   * @param parent The enclosing scope.
   * @param method True for a method's own scope: its parameters taken for
   *   arrays are the layer's inputs, which the target's framework passes as tensors.
   */
  constructor(readonly parent?: Scope, readonly method = false) {}

  /** The module's dataclasses: class name to its fields annotated `int`/`float`/`bool`, each its category. */
  dataclasses: ReadonlyMap<string, ReadonlyMap<string, Category>> = new Map();

  /** The fields of the dataclass `name`, looking outward. */
  fieldsOf(name: string): ReadonlyMap<string, Category> | undefined {
    return this.dataclasses.get(name) ?? this.parent?.fieldsOf(name);
  }

  /** What is known about `name`, looking outward. */
  get(name: string): Info {
    if (this.#names.has(name)) return this.#names.get(name);
    return this.parent?.get(name);
  }

  /**
   * What a call of the module's own code gives (a function's or method's
   * return value, a layer's output), where `promotion/calls.ts` knows it;
   * looked up outward. `scope` is the calling scope.
   */
  calls?: (call: A.Call, scope: Scope) => Info;

  /** What `call` gives, by the nearest scope's `calls`; `from` is the calling scope. */
  callResult(call: A.Call, from: Scope = this): Info {
    if (this.calls) return this.calls(call, from);
    return this.parent ? this.parent.callResult(call, from) : UNKNOWN;
  }

  /** The scope that binds `name`, looking outward; undefined when none does. */
  where(name: string): Scope | undefined {
    return this.#names.has(name) ? this : this.parent?.where(name);
  }

  /** Binds a name; a second, different binding keeps what both have in common. Returns true when it changed. */
  bind(name: string, info: Info): boolean {
    if (!this.#names.has(name)) {
      this.#names.set(name, info);
      return true;
    }
    const old = this.#names.get(name);
    const joined = join(old, info);
    if (sameInfo(old, joined)) return false;
    this.#names.set(name, joined);
    return true;
  }
}

/** The static analysis of one scope. */
export class Analysis {
  readonly #cache = new WeakMap<A.Expr, Info>();
  /**
   * @param scope The scope's names.
   * @param hinted The same code's analysis with its parameters' dtypes taken
   *   from the module's own call sites (`promotion/calls.ts`), where any are
   *   known: what they tell may only add casts that any input dtype allows.
   */
  constructor(readonly scope: Scope, public hinted?: Analysis) {}

  /** What is known about an expression's value. */
  info(e: A.Expr): Info {
    if (this.#cache.has(e)) return this.#cache.get(e);
    if (e.kind === "BinOp") {
      // the left operands first, innermost first (`a + b + c` is `(a + b) + c`): no chain is too long
      const spine: A.Expr[] = [];
      for (let at = e.left; at.kind === "BinOp" && !this.#cache.has(at); at = at.left) spine.push(at);
      for (let i = spine.length - 1; i >= 0; i--) this.info(spine[i]);
    }
    const result = this.#infer(e);
    this.#cache.set(e, result);
    return result;
  }

  #infer(e: A.Expr): Info {
    switch (e.kind) {
      case "Constant": {
        const category = literalCategory(e);
        return category ? python(category) : UNKNOWN;
      }
      case "Name":
        return this.scope.get(e.id);
      case "Attribute": {
        const path = A.dottedPath(e) ?? "";
        if (MATH_FLOATS.has(path)) return python("float");
        // `self.v.value`, `self.n_heads` (a plain attribute), `config.dim` (a dataclass field)
        return path.includes(".") ? this.scope.get(path) : UNKNOWN;
      }
      case "Call":
        return this.#call(e);
      case "Subscript": {
        const key = variableValueKey(e);
        if (key) return this.scope.get(key);
        // `x.shape[1]`: a Python int
        if (coreOp(e.value) === "shape" && e.index.kind !== "Slice") return python("int");
        const base = this.info(e.value);
        return base?.array ? array(base.dtype) : UNKNOWN;
      }
      case "BinOp": {
        const [l, r] = [this.info(e.left), this.info(e.right)];
        if (l?.array || r?.array) {
          const dtype = promote(l, r);
          if (e.op === "/" && dtype && categoryOf(dtype) !== "float") return array("float32");
          return array(dtype);
        }
        if (!l?.category || !r?.category) return UNKNOWN;
        if (e.op === "/") return python("float");
        return python(RANK[l.category] >= RANK[r.category] ? l.category : r.category);
      }
      case "UnaryOp":
        return e.op === "not" ? python("bool") : this.info(e.operand);
      case "Compare": {
        const parts = [e.left, ...e.comparators].map((p) => this.info(p));
        return parts.some((p) => p?.array) ? array("bool_") : python("bool");
      }
      case "IfExp": {
        const [a, b] = [this.info(e.body), this.info(e.orelse)];
        return sameInfo(a, b) ? a : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  #call(e: A.Call): Info {
    const op = coreOp(e);
    if (op === undefined) {
      const f = e.func.kind === "Name" ? e.func.id : undefined;
      if (f === "float") return python("float");
      if (f === "int" || f === "len") return python("int");
      if (f === "bool") return python("bool");
      const path = A.dottedPath(e.func);
      if (path?.startsWith("math.")) return python(MATH_RESULTS[path.slice(5)] ?? "float");
      return this.scope.callResult(e);
    }
    const first = argument(e, 0, "x");
    switch (CORE_RESULTS[op as keyof typeof CORE_RESULTS]) {
      case "dtype":
        return array(this.#creationDtype(op, e));
      case "same":
        return array(this.#firstArrayDtype(op === "concatenate" || op === "stack" ? firstElement(first) : first));
      case "sum": {
        const dtype = this.#firstArrayDtype(first);
        return array(dtype === "bool_" ? "int32" : dtype);
      }
      case "float": {
        const dtype = this.#firstArrayDtype(first);
        return array(dtype && categoryOf(dtype) !== "float" ? "float32" : dtype);
      }
      case "promote":
      case "divide": {
        const dtype = promote(this.info(first ?? A.constant(null)), this.info(argument(e, 1, "y") ?? A.constant(null)));
        return array(
          CORE_RESULTS[op as keyof typeof CORE_RESULTS] === "divide" && dtype && categoryOf(dtype) !== "float"
            ? "float32"
            : dtype,
        );
      }
      case "where":
        return array(promote(this.#arg(e, 1, "x"), this.#arg(e, 2, "y")));
      case "bool":
        return array("bool_");
      case "int32":
        return array("int32");
      case "python_int":
        return python("int");
      default:
        return op === "split" || op === "shape" || op === "dtype" || op === "finfo" ? UNKNOWN : ARRAY;
    }
  }

  #arg(e: A.Call, position: number, keyword: string): Info {
    const a = argument(e, position, keyword);
    return a ? this.info(a) : UNKNOWN;
  }

  #firstArrayDtype(e: A.Expr | undefined): CoreDtype | undefined {
    const info = e && this.info(e);
    return info?.array ? info.dtype : undefined;
  }

  /** A creation op's dtype: its `dtype=` literal, else what JAX derives from the value. */
  #creationDtype(op: string, e: A.Call): CoreDtype | undefined {
    const position = { astype: 1, one_hot: 2, full: 2, full_like: 2, asarray: 1, zeros_like: 1, ones_like: 1 }[op];
    const given = argument(e, position ?? 99, "dtype");
    if (given && !isNone(given)) return dtypeLiteral(given);
    const source = op === "full"
      ? argument(e, 1, "fill_value")
      : op === "asarray" || op.endsWith("_like")
      ? argument(e, 0, op === "asarray" ? "obj" : "x")
      : undefined;
    const info = source && this.info(source);
    if (!info) return undefined;
    if (info.array) return info.dtype;
    return info.category ? DEFAULT_DTYPE[info.category] : undefined;
  }
}

function firstElement(e: A.Expr | undefined): A.Expr | undefined {
  return e && (e.kind === "List" || e.kind === "Tuple") ? e.elts[0] : undefined;
}

/** `self.<name>.value`: the scope key of a Variable attribute's value, which no Python name can be. */
const VALUE_KEY = /^self\.[A-Za-z_]\w*\.value$/;

/** The scope key of a Variable's value for `self.v.value` or `self.v[...]`; undefined for anything else. */
function variableValueKey(e: A.Expr): string | undefined {
  if (e.kind === "Subscript" && e.index.kind === "Constant" && e.index.value === "...") {
    const key = `${A.dottedPath(e.value)}.value`;
    return VALUE_KEY.test(key) ? key : undefined;
  }
  const path = e.kind === "Attribute" ? A.dottedPath(e) : undefined;
  return path && VALUE_KEY.test(path) ? path : undefined;
}

/** `self.<name>`: the scope key of a plain attribute (one the class does not construct a Variable for). */
function plainAttributeKey(e: A.Expr): string | undefined {
  const path = e.kind === "Attribute" ? A.dottedPath(e) : undefined;
  return path && PLAIN_KEY.test(path) ? path : undefined;
}

/** `self.<name>`, the scope key of a plain attribute. */
const PLAIN_KEY = /^self\.[A-Za-z_]\w*$/;

/** The expressions an assignment target assigns to, tuples unpacked. */
function targetExprs(t: A.Expr): A.Expr[] {
  if (t.kind === "Tuple" || t.kind === "List") return t.elts.flatMap(targetExprs);
  if (t.kind === "Starred") return targetExprs(t.value);
  return [t];
}

/** The ivy IR's Variable constructors. */
const IVY_VARIABLES = new Set(["ivy.Variable", "ivy.Param", "ivy.BatchStat", "ivy.Cache", "ivy.Intermediate"]);

/**
 * A class's scope, binding the value of each of its Variable attributes
 * (`self.<name>.value`, see `VALUE_KEY`) to what every value the class gives
 * it has in common: the values its methods construct it with
 * (`self.index = ivy.Cache(ivy.asarray(0, dtype=ivy.int32))`) and assign to
 * it (`self.index.value = self.index.value + n`, `self.index[...] = ...`,
 * `+=`), each read in its method's scope, until nothing changes. An
 * attribute the class does not construct a Variable for stays unknown.
 *
 * @param cls The class.
 * @param parent The enclosing scope.
 * @param variableClasses The module's user Variable classes, constructors too.
 * @returns The class's scope.
 */
export function variableValues(cls: A.ClassDef, parent: Scope, variableClasses: ReadonlySet<string>): Scope {
  const scope = new Scope(parent);
  const methods = cls.body.filter((s): s is A.FunctionDef => s.kind === "FunctionDef");
  const writes = (f: A.FunctionDef) => {
    const found: { key: string; value: A.Expr; constructed: boolean }[] = [];
    mapBody(f.body, {
      stmt: (s) => {
        const target = s.kind === "Assign" && s.targets.length === 1
          ? s.targets[0]
          : s.kind === "AugAssign"
          ? s.target
          : undefined;
        if (!target || (s.kind !== "Assign" && s.kind !== "AugAssign") || !s.value) return [s];
        const v = s.value;
        const constructor = v.kind === "Call" ? A.dottedPath(v.func) : undefined;
        const self = target.kind === "Attribute" ? A.dottedPath(target) : undefined;
        if (
          s.kind === "Assign" && self &&
          (IVY_VARIABLES.has(constructor ?? "") || variableClasses.has(constructor ?? ""))
        ) {
          const only = (v as A.Call).args.length === 1 && !(v as A.Call).args[0].name
            ? (v as A.Call).args[0]
            : undefined;
          const key = `${self}.value`;
          if (VALUE_KEY.test(key)) found.push({ key, value: only?.value ?? A.constant(null), constructed: true });
          return [s];
        }
        const attribute = plainAttributeKey(target);
        if (attribute) {
          // `self.n_heads = config.n_heads`, `self.n += 1`: a plain attribute has what every value it is given has
          const value: A.Expr = s.kind === "AugAssign"
            ? { kind: "BinOp", op: s.op, left: target, right: v, loc: s.loc }
            : v;
          found.push({ key: attribute, value, constructed: true });
          return [s];
        }
        if (s.kind === "Assign") {
          // `self.a, self.b = ...`: unknown
          for (const t of s.targets.flatMap(targetExprs)) {
            const key = plainAttributeKey(t);
            if (key && t !== target) found.push({ key, value: A.constant(null), constructed: true });
          }
        }
        const key = variableValueKey(target);
        if (!key) return [s];
        const value: A.Expr = s.kind === "AugAssign"
          ? { kind: "BinOp", op: s.op, left: target, right: v, loc: s.loc }
          : v;
        found.push({ key, value, constructed: false });
        return [s];
      },
    });
    return found;
  };
  const all = methods.map((f) => [f, writes(f)] as const);
  const variables = new Set(all.flatMap(([, w]) => w.filter((x) => x.constructed).map((x) => x.key)));
  // the constructions first, so that an assignment reading the value finds it
  for (const constructedOnly of [true, false]) {
    for (let round = 0; round < 4; round++) {
      let changed = false;
      for (const [f, found] of all) {
        const local = functionScope(f, scope, true);
        collectBindings(f.body, new Analysis(local));
        for (const w of found) {
          if (!variables.has(w.key) || (constructedOnly && !w.constructed)) continue;
          const info = new Analysis(local).info(w.value);
          // a plain attribute is known only as a Python scalar (`ivy.List(...)` of layers reads as an array)
          const kept = info?.array && PLAIN_KEY.test(w.key) ? UNKNOWN : info;
          changed = scope.bind(w.key, kept) || changed;
        }
      }
      if (!changed || constructedOnly) break;
    }
  }
  return scope;
}

/**
 * The fields of each `@dataclass` class of a module body whose annotation is
 * `int`, `float` or `bool`, with that category.
 */
export function dataclassFields(body: readonly A.Stmt[]): Map<string, Map<string, Category>> {
  const found = new Map<string, Map<string, Category>>();
  for (const s of body) {
    if (s.kind !== "ClassDef") continue;
    const isDataclass = s.decorators.some((d) => {
      const path = A.dottedPath(d.kind === "Call" ? d.func : d);
      return path === "dataclass" || path === "dataclasses.dataclass";
    });
    if (!isDataclass) continue;
    const fields = new Map<string, Category>();
    for (const f of s.body) {
      const target = f.kind === "Assign" && f.targets.length === 1 ? f.targets[0] : undefined;
      const category = f.kind === "Assign" ? annotationCategory(f.annotation) : undefined;
      if (target?.kind === "Name" && category) fields.set(target.id, category);
    }
    found.set(s.name, fields);
  }
  return found;
}

/** A parameter's classification refined by what its call sites pass, where that adds to it without contradicting it. */
function hinted(classified: Info, passed: Info): Info {
  if (!passed) return classified;
  if (!classified) return passed;
  if (classified.array !== passed.array) return classified;
  return classified.array ? (classified.dtype ? classified : passed) : (classified.category ? classified : passed);
}

/** Names bound by an assignment target. */
function targetNames(t: A.Expr): string[] {
  if (t.kind === "Name") return [t.id];
  if (t.kind === "Tuple" || t.kind === "List") return t.elts.flatMap(targetNames);
  if (t.kind === "Starred") return targetNames(t.value);
  return [];
}

/** Binds every name a block assigns, until nothing changes (names assigned in loops included). */
export function collectBindings(body: readonly A.Stmt[], analysis: Analysis): void {
  const scope = analysis.scope;
  for (let round = 0; round < 4; round++) {
    let changed = false;
    const visit = (stmts: readonly A.Stmt[]): void => {
      for (const s of stmts) {
        if (s.kind === "Assign" && s.value) {
          // `batch, length = x.shape`: Python ints
          const shape = coreOp(s.value) === "shape" ? python("int") : UNKNOWN;
          for (const t of s.targets) {
            const starred = t.kind === "Tuple" && t.elts.some((x) => x.kind === "Starred");
            const info = t.kind === "Name" ? new Analysis(scope).info(s.value) : starred ? UNKNOWN : shape;
            for (const n of targetNames(t)) changed = scope.bind(n, info) || changed;
          }
        } else if (s.kind === "AugAssign" && s.target.kind === "Name") {
          const value: A.Expr = { kind: "BinOp", op: s.op, left: s.target, right: s.value, loc: s.loc };
          changed = scope.bind(s.target.id, new Analysis(scope).info(value)) || changed;
        } else if (s.kind === "For") {
          const isRange = s.iter.kind === "Call" && s.iter.func.kind === "Name" && s.iter.func.id === "range";
          for (const n of targetNames(s.target)) changed = scope.bind(n, isRange ? python("int") : UNKNOWN) || changed;
          visit(s.body);
        } else if (s.kind === "If") {
          visit(s.body);
          visit(s.orelse);
        } else if (s.kind === "While" || s.kind === "With") visit(s.body);
        else if (s.kind === "FunctionDef" || s.kind === "ClassDef") changed = scope.bind(s.name, UNKNOWN) || changed;
      }
    };
    visit(body);
    if (!changed) return;
  }
}

/**
 * The scope of a function's body: its parameters bound as `paramKind`
 * classifies them (a method's `self` unknown), or, given `hints`, as the
 * module's call sites pass them where that says more (an array's dtype, a
 * Python scalar's category) and agrees with the classification.
 */
export function functionScope(
  f: A.FunctionDef,
  parent: Scope,
  isMethod: boolean,
  hints?: ReadonlyMap<string, Info>,
): Scope {
  const scope = new Scope(parent, isMethod);
  f.params.forEach((p, k) => {
    if (!p.name) return;
    const kind = isMethod && k === 0 ? "unknown" : paramKind(p, false);
    const classified = kind === "array"
      ? ARRAY
      : kind === "python" && !p.star
      ? python(annotationCategory(p.annotation))
      : UNKNOWN;
    scope.bind(p.name, hints?.has(p.name) ? hinted(classified, hints.get(p.name)) : classified);
    // `config: LlamaConfig`: its `int`/`float`/`bool` fields are Python scalars
    const fields = p.annotation?.kind === "Name" && !p.star ? scope.fieldsOf(p.annotation.id) : undefined;
    for (const [field, category] of fields ?? []) scope.bind(`${p.name}.${field}`, python(category));
  });
  return scope;
}
