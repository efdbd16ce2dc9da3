/**
 * JAX's dtype promotion and indexing, made explicit in the ivy IR where a
 * target's own rules would give another result. Operators stay operators
 * (`a + b`); only an operand gets a cast, and only where the analysis knows
 * both operands' dtype categories and the target's rule differs from JAX's:
 *
 * - JAX: a Python scalar is weak: `f32_array * 2.0` is float32, an int32
 *   array with `1.5` is float32 (not NumPy's float64, TensorFlow's error),
 *   a bool array with `1` is int32 (not torch's/NumPy's int64);
 * - JAX: arrays promote on bool < int32 < float32: float32 + int32 is
 *   float32 (NumPy: float64; TensorFlow: an error);
 * - JAX: `/` of integers is float32 (NumPy and TensorFlow: float64);
 * - TensorFlow: comparisons across dtypes are an error: operands are cast to
 *   the dtype JAX compares in; `x[i]` with an integer-array index is written
 *   with the `getitem` helper, since `tf.Tensor` only takes basic indices.
 *
 * The analysis is static and per function: a literal is a weak Python scalar;
 * a creation op, `astype` and every core op give their JAX result dtype; a
 * name has the dtype of everything assigned to it, or none when they differ;
 * a function parameter is an array of unknown dtype (as in `stages/jax.ts`).
 * Where a dtype is unknown the operator is left as written.
 *
 * It also rewrites `a op= b` on an array name to `a = a op b`: JAX arrays are
 * immutable, whereas NumPy and torch would update the array in place (and
 * every alias of it).
 *
 * @module
 */
import * as A from "../ast.ts";
import { paramKind } from "../jax/infer.ts";
import { mapExpr } from "../template.ts";
import type { CoreDtype } from "../ivy/ops.ts";

/** The targets whose rules this module knows. */
export type PromotionTarget = "torch" | "tensorflow" | "numpy";

type Category = "bool" | "int" | "float";

/** What the analysis knows about a value: an array and maybe its dtype, or a Python scalar of a category. */
export type ValueInfo =
  | { readonly array: true; readonly dtype?: CoreDtype }
  | { readonly array: false; readonly category?: Category };

/** Nothing known: maybe an array, maybe not. */
const UNKNOWN = undefined;
type Info = ValueInfo | typeof UNKNOWN;

const ARRAY: ValueInfo = { array: true };
const array = (dtype?: CoreDtype): ValueInfo => (dtype ? { array: true, dtype } : ARRAY);
const python = (category?: Category): ValueInfo => ({ array: false, category });

function categoryOf(dtype: CoreDtype): Category {
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
  if (a.array && b.array) return a.dtype && b.dtype ? promoteArrays(a.dtype, b.dtype) : undefined;
  const [arr, scalar] = (a.array ? [a, b] : [b, a]) as [{ dtype?: CoreDtype }, { category?: Category }];
  if (!arr.dtype || !scalar.category) return undefined;
  return RANK[scalar.category] > RANK[categoryOf(arr.dtype)] ? DEFAULT_DTYPE[scalar.category] : arr.dtype;
}

/** True when `side`, an array of a known dtype, must be cast to `to` for the target to compute what JAX does. */
function needsCast(target: PromotionTarget, side: Info, other: Info, to: CoreDtype, mode: Mode): boolean {
  if (!side?.array || !side.dtype || side.dtype === to) return false;
  // TensorFlow never promotes; torch's matmul does not either.
  if (target === "tensorflow" || (target === "torch" && mode === "matmul")) return true;
  if (mode === "compare") return false;
  const otherIsArray = other?.array === true;
  if (target === "numpy") return categoryOf(side.dtype) !== categoryOf(to) && !(side.dtype === "bool_" && otherIsArray);
  return side.dtype === "bool_" && categoryOf(to) === "int" && !otherIsArray;
}

type ResultRule =
  | "dtype"
  | "same"
  | "sum"
  | "float"
  | "promote"
  | "divide"
  | "where"
  | "bool"
  | "int32"
  | "python_int";

/** How each core op's result dtype follows from its arguments (JAX's rules). */
const RESULT: Readonly<Record<string, ResultRule>> = {
  zeros: "dtype",
  ones: "dtype",
  full: "dtype",
  zeros_like: "dtype",
  ones_like: "dtype",
  full_like: "dtype",
  arange: "dtype",
  linspace: "dtype",
  eye: "dtype",
  asarray: "dtype",
  astype: "dtype",
  one_hot: "dtype",
  add: "promote",
  subtract: "promote",
  multiply: "promote",
  power: "promote",
  maximum: "promote",
  minimum: "promote",
  matmul: "promote",
  dot: "promote",
  divide: "divide",
  where: "where",
  abs: "same",
  negative: "same",
  square: "same",
  sign: "same",
  floor: "same",
  ceil: "same",
  clip: "same",
  max: "same",
  min: "same",
  reshape: "same",
  transpose: "same",
  swapaxes: "same",
  expand_dims: "same",
  squeeze: "same",
  concatenate: "same",
  stack: "same",
  pad: "same",
  take_along_axis: "same",
  take: "same",
  broadcast_to: "same",
  sort: "same",
  relu: "same",
  at_set: "same",
  at_add: "same",
  at_multiply: "same",
  at_get: "same",
  sum: "sum",
  prod: "sum",
  cumsum: "sum",
  exp: "float",
  log: "float",
  log1p: "float",
  sqrt: "float",
  rsqrt: "float",
  sin: "float",
  cos: "float",
  tanh: "float",
  mean: "float",
  var: "float",
  std: "float",
  logsumexp: "float",
  gelu: "float",
  silu: "float",
  sigmoid: "float",
  softmax: "float",
  log_softmax: "float",
  equal: "bool",
  not_equal: "bool",
  less: "bool",
  less_equal: "bool",
  greater: "bool",
  greater_equal: "bool",
  logical_and: "bool",
  logical_or: "bool",
  logical_not: "bool",
  all: "bool",
  any: "bool",
  argmax: "int32",
  argmin: "int32",
  argsort: "int32",
  ndim: "python_int",
  size: "python_int",
};

/** How an operation uses its two promoted operands. */
type Mode = "arith" | "divide" | "compare" | "matmul";

/** Core ops taking two operands `x`, `y` that JAX promotes together. */
const BINARY_CALLS: Readonly<Record<string, Mode>> = {
  add: "arith",
  subtract: "arith",
  multiply: "arith",
  power: "arith",
  maximum: "arith",
  minimum: "arith",
  matmul: "matmul",
  dot: "matmul",
  equal: "compare",
  not_equal: "compare",
  less: "compare",
  less_equal: "compare",
  greater: "compare",
  greater_equal: "compare",
};

/** Creation ops whose `dtype=` can take a cast's dtype directly. */
const RETYPABLE = new Set(["zeros", "ones", "full", "arange"]);

/** The core op an `ivy.<op>(...)` call calls. */
function coreOp(e: A.Expr): string | undefined {
  if (e.kind !== "Call") return undefined;
  const path = A.dottedPath(e.func);
  return path?.startsWith("ivy.") ? path.slice(4) : undefined;
}

/** A call's argument by position or keyword. */
function argument(call: A.Call, position: number, keyword: string): A.Expr | undefined {
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

/** What two bindings of one name have in common. */
function join(a: Info, b: Info): Info {
  if (!a || !b || a.array !== b.array) return UNKNOWN;
  if (sameInfo(a, b)) return a;
  return a.array ? ARRAY : python();
}

function sameInfo(a: Info, b: Info): boolean {
  if (!a || !b) return a === b;
  if (a.array !== b.array) return false;
  return a.array
    ? a.dtype === (b as { dtype?: CoreDtype }).dtype
    : a.category === (b as { category?: Category }).category;
}

/** The names of one function body (or the module), with what is known about each. */
class Scope {
  readonly #names = new Map<string, Info>();
  constructor(readonly parent?: Scope) {}

  get(name: string): Info {
    if (this.#names.has(name)) return this.#names.get(name);
    return this.parent?.get(name);
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
class Analysis {
  readonly #cache = new WeakMap<A.Expr, Info>();
  constructor(readonly scope: Scope) {}

  /** What is known about an expression's value. */
  info(e: A.Expr): Info {
    if (this.#cache.has(e)) return this.#cache.get(e);
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
      case "Call":
        return this.#call(e);
      case "Subscript": {
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
      return UNKNOWN;
    }
    const first = argument(e, 0, "x");
    switch (RESULT[op]) {
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
        return array(RESULT[op] === "divide" && dtype && categoryOf(dtype) !== "float" ? "float32" : dtype);
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
        return op === "split" || op === "shape" || op === "dtype" ? UNKNOWN : ARRAY;
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
    if (given && !A.isNone(given)) return dtypeLiteral(given);
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

/** `e` cast to `dtype` in the ivy IR; a creation op's own `dtype=` is changed instead. */
function cast(e: A.Expr, dtype: CoreDtype): A.Expr {
  const op = coreOp(e);
  const dtypeArg = e.kind === "Call" ? e.args.findIndex((a) => a.name === "dtype") : -1;
  if (e.kind === "Call" && op && RETYPABLE.has(op) && dtypeArg >= 0) {
    const args = e.args.map((a, k) => (k === dtypeArg ? { ...a, value: A.dotted(`ivy.${dtype}`, a.value.loc) } : a));
    return { ...e, args };
  }
  return A.call("ivy.astype", [{ value: e }, { value: A.dotted(`ivy.${dtype}`, e.loc) }], e.loc);
}

const isBool = (info: Info) => info?.array === true && info.dtype === "bool_";
const isNamedArray = (e: A.Expr, info: Info) => e.kind === "Name" && info?.array === true && !info.dtype;

/** `e` cast to the dtype of the array `like` names. */
function castLike(e: A.Expr, like: A.Expr): A.Expr {
  return A.call("ivy.astype", [{ value: e }, { value: A.call("ivy.dtype", [{ value: like }], e.loc) }], e.loc);
}

/** True for an index item that is an integer array (or may be one), which basic indexing does not take. */
function isArrayIndex(e: A.Expr, analysis: Analysis): boolean {
  if (e.kind === "Slice" || e.kind === "Constant" || e.kind === "UnaryOp" && e.operand.kind === "Constant") {
    return false;
  }
  return analysis.info(e)?.array === true;
}

/** Rewrites one expression of a scope, bottom-up; lambdas and comprehensions bind names of their own and are kept. */
function rewriteExpr(e: A.Expr, analysis: Analysis, target: PromotionTarget): A.Expr {
  return mapExpr(
    e,
    (node) => rewriteNode(node, analysis, target),
    (node) => (node.kind === "Lambda" || node.kind === "Comprehension" ? node : undefined),
  );
}

function castPair(
  pair: [A.Expr, A.Expr],
  analysis: Analysis,
  target: PromotionTarget,
  mode: Mode,
): [A.Expr, A.Expr] {
  const [l, r] = pair.map((x) => analysis.info(x));
  let to = promote(l, r);
  if (!to && target === "tensorflow") {
    // A bool mask with an array of unknown dtype (`mask * y`): the mask takes the array's dtype.
    if (isBool(l) && isNamedArray(pair[1], r)) return [castLike(pair[0], pair[1]), pair[1]];
    if (isBool(r) && isNamedArray(pair[0], l)) return [pair[0], castLike(pair[1], pair[0])];
  }
  if (!to) return pair;
  if (mode === "divide" && categoryOf(to) !== "float") to = "float32";
  return [
    needsCast(target, l, r, to, mode) ? cast(pair[0], to) : pair[0],
    needsCast(target, r, l, to, mode) ? cast(pair[1], to) : pair[1],
  ];
}

function rewriteNode(node: A.Expr, analysis: Analysis, target: PromotionTarget): A.Expr {
  switch (node.kind) {
    case "BinOp": {
      const mode = node.op === "/" ? "divide" : node.op === "@" ? "matmul" : "arith";
      const [left, right] = castPair([node.left, node.right], analysis, target, mode);
      return left === node.left && right === node.right ? node : { ...node, left, right };
    }
    case "Compare": {
      if (target !== "tensorflow" || node.comparators.length !== 1) return node;
      const [left, right] = castPair([node.left, node.comparators[0]], analysis, target, "compare");
      return left === node.left && right === node.comparators[0] ? node : { ...node, left, comparators: [right] };
    }
    case "Call":
      return rewriteCall(node, analysis, target);
    case "Subscript": {
      if (target !== "tensorflow" || A.dottedPath(node.value) === "ivy.index") return node;
      if (analysis.info(node.value)?.array !== true) return node;
      const items = node.index.kind === "Tuple" ? node.index.elts : [node.index];
      if (!items.some((item) => isArrayIndex(item, analysis))) return node;
      const index: A.Expr = {
        kind: "Subscript",
        value: A.dotted("ivy.index", node.loc),
        index: node.index,
        loc: node.loc,
      };
      return A.call("ivy.at_get", [{ value: node.value }, { value: index }], node.loc);
    }
    default:
      return node;
  }
}

function rewriteCall(node: A.Call, analysis: Analysis, target: PromotionTarget): A.Expr {
  const op = coreOp(node);
  if (op === "full" && argument(node, 2, "dtype") === undefined) {
    // JAX's dtype of the fill value, made explicit where the analysis knows it.
    const dtype = (analysis.info(node) as { dtype?: CoreDtype } | undefined)?.dtype;
    if (dtype) return { ...node, args: [...node.args, { name: "dtype", value: A.dotted(`ivy.${dtype}`, node.loc) }] };
    return node;
  }
  const mode = op === "where" ? "arith" : op && BINARY_CALLS[op];
  if (!mode) return node;
  const at = op === "where" ? 1 : 0;
  const positional = node.args.filter((a) => !a.name && !a.star);
  if (node.args.length !== positional.length || positional.length < at + 2) return node;
  const pair = castPair([positional[at].value, positional[at + 1].value], analysis, target, mode);
  if (pair[0] === positional[at].value && pair[1] === positional[at + 1].value) return node;
  const args = node.args.map((a, k) => (k === at ? { value: pair[0] } : k === at + 1 ? { value: pair[1] } : a));
  return { ...node, args };
}

/** Names bound by an assignment target. */
function targetNames(t: A.Expr): string[] {
  if (t.kind === "Name") return [t.id];
  if (t.kind === "Tuple" || t.kind === "List") return t.elts.flatMap(targetNames);
  if (t.kind === "Starred") return targetNames(t.value);
  return [];
}

/** Binds every name a block assigns, until nothing changes (names assigned in loops included). */
function collectBindings(body: readonly A.Stmt[], analysis: Analysis): void {
  const scope = analysis.scope;
  for (let round = 0; round < 4; round++) {
    let changed = false;
    const visit = (stmts: readonly A.Stmt[]): void => {
      for (const s of stmts) {
        if (s.kind === "Assign" && s.value) {
          for (const t of s.targets) {
            const info = t.kind === "Name" ? new Analysis(scope).info(s.value) : UNKNOWN;
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
        } else if (s.kind === "While") visit(s.body);
        else if (s.kind === "FunctionDef" || s.kind === "ClassDef") changed = scope.bind(s.name, UNKNOWN) || changed;
      }
    };
    visit(body);
    if (!changed) return;
  }
}

/** Rewrites one block of statements of a scope. */
function rewriteBlock(body: readonly A.Stmt[], scope: Scope, target: PromotionTarget, inClass: boolean): A.Stmt[] {
  const analysis = new Analysis(scope);
  if (!inClass) collectBindings(body, analysis);
  const ex = (e: A.Expr) => rewriteExpr(e, analysis, target);
  const exo = (e?: A.Expr) => (e ? ex(e) : undefined);
  const block = (b: readonly A.Stmt[]) => b.map(stmt);
  function stmt(s: A.Stmt): A.Stmt {
    switch (s.kind) {
      case "FunctionDef":
        return rewriteFunction(s, scope, target, inClass);
      case "ClassDef":
        return { ...s, body: rewriteBlock(s.body, new Scope(scope), target, true) };
      case "Assign":
        return { ...s, value: exo(s.value) };
      case "AugAssign": {
        if (s.target.kind !== "Name" || analysis.info(s.target)?.array !== true) return { ...s, value: ex(s.value) };
        const value: A.Expr = { kind: "BinOp", op: s.op, left: s.target, right: s.value, loc: s.loc };
        return { kind: "Assign", targets: [s.target], value: ex(value), loc: s.loc, comments: s.comments };
      }
      case "Return":
        return { ...s, value: exo(s.value) };
      case "ExprStmt":
        return { ...s, value: ex(s.value) };
      case "If":
        return { ...s, test: ex(s.test), body: block(s.body), orelse: block(s.orelse) };
      case "For":
        return { ...s, iter: ex(s.iter), body: block(s.body) };
      case "While":
        return { ...s, test: ex(s.test), body: block(s.body) };
      default:
        return s;
    }
  }
  return block(body);
}

function rewriteFunction(f: A.FunctionDef, parent: Scope, target: PromotionTarget, isMethod: boolean): A.FunctionDef {
  const scope = new Scope(parent);
  f.params.forEach((p, k) => {
    if (!p.name) return;
    const kind = isMethod && k === 0 ? "unknown" : paramKind(p, false);
    scope.bind(p.name, kind === "array" ? ARRAY : kind === "python" && !p.star ? python() : UNKNOWN);
  });
  return { ...f, body: rewriteBlock(f.body, scope, target, false) };
}

/**
 * Makes JAX's promotion and indexing explicit for one target.
 *
 * @param module The ivy IR.
 * @param target The target whose rules to match JAX's.
 * @returns The ivy IR with casts (`ivy.astype`) where the target would
 *   promote differently, and integer-array indexing as `ivy.at_get` where the
 *   target has no such indexing.
 * @example Cast an int32 array that meets a Python float, for NumPy
 * ```ts
 * promoteLikeJax(parse("y = ivy.arange(3, dtype=ivy.int32) + 1.5\n").ir, "numpy");
 * // y = ivy.arange(3, dtype=ivy.float32) + 1.5
 * ```
 */
export function promoteLikeJax(module: A.Module, target: PromotionTarget): A.Module {
  return { ...module, body: rewriteBlock(module.body, new Scope(), target, false) };
}
