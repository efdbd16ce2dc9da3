/**
 * `jax.numpy` functions written as compositions of existing core ops, most of
 * them reading static arguments (literal lists, ints, shapes) in the lowering:
 * `select`, `choose`, `partition`, `delete`, `insert`, `ravel_multi_index`,
 * the `*_indices_from` family, `ix_`, `resize`, `put`, `fill_diagonal`, `block`
 * and the Python-valued predicates. Spread into the `jax.numpy` table.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";
import type { Expr } from "../../ast.ts";
import { isFalse, isNone, isNumber, isTrue } from "../../literals.ts";
import { printExpr } from "../../print.ts";
import { visitExpr } from "../../walk.ts";

/** A float input with the edges: signed zeros, halves, both infinities, NaN. */
const EDGES = "jnp.array([0.0, -0.0, 0.5, -1.5, 2.5, 1e30, -1e-30, jnp.inf, -jnp.inf, jnp.nan])";

/** jnp.isdtype's kinds, as the categories of the core op `issubdtype`. */
const ISDTYPE_KINDS: Readonly<Record<string, string>> = {
  bool: "bool_",
  integral: "integer",
  "real floating": "floating",
  numeric: "number",
};

/** An int32 array of mixed signs (a literal, so that its dtype is known). */
const INTS = "jnp.array([-3, 0, 2, 7])";

/** A Python int literal (maybe negative), as a number. */
function intOf(e?: Expr): number | undefined {
  if (e?.kind === "Constant" && typeof e.value === "number" && Number.isInteger(e.value)) return e.value;
  if (e?.kind === "UnaryOp" && e.op === "-") {
    const n = intOf(e.operand);
    return n === undefined ? undefined : -n;
  }
  return undefined;
}

/** The elements of a literal list or tuple. */
function eltsOf(e?: Expr): readonly Expr[] | undefined {
  return e?.kind === "List" || e?.kind === "Tuple" ? e.elts : undefined;
}

/** Literal ints of a literal list or tuple (or one int literal, as a list of one). */
function intsOf(e?: Expr): number[] | undefined {
  const one = intOf(e);
  if (one !== undefined) return [one];
  const elts = eltsOf(e);
  if (!elts) return undefined;
  const ints = elts.map(intOf);
  return ints.every((n) => n !== undefined) ? ints as number[] : undefined;
}

/** A Python number: a literal, or a float constant such as `jnp.nan` (lowered to `math.nan`). */
function isPythonNumber(e?: Expr): boolean {
  if (e?.kind === "UnaryOp" && e.op === "-") return isPythonNumber(e.operand);
  if (e?.kind === "Attribute" && ["nan", "inf", "pi", "e"].includes(e.attr)) return true;
  return isNumber(e);
}

/**
 * An argument a template may name more than once: a variable (`a`, `x.dtype`: `ivy.dtype(x)`) or a literal (`ivy.asarray([0, 1])`),
 * which reads the same each time and costs nothing to read again.
 */
function isPlain(e?: Expr): boolean {
  if (e?.kind === "Attribute") return isPlain(e.value);
  if (e?.kind === "Name") return true;
  // `x.dtype`, as lowered
  if (e?.kind === "Call" && printExpr(e.func) === "ivy.dtype" && e.args.length === 1) return isPlain(e.args[0].value);
  let literal = e !== undefined;
  if (e) {
    visitExpr(e, (n) => {
      if (n.kind === "Name" && !["ivy", "math"].includes(n.id)) literal = false;
    });
  }
  return literal;
}

/** `inplace=False`, which JAX requires (its default True raises). */
const notInplace = (a: ReadonlyMap<string, Expr>, name: string) =>
  isFalse(a.get("inplace")) ? undefined : `error: jnp.${name} needs \`inplace=False\` (JAX arrays are immutable)`;

/** A Python-valued predicate of one value: a literal's answer is known; an array's is `test(ndim)`. */
const pythonPredicate = (name: string, onNumber: string, onList: string, test: string, checks: string[]) => ({
  sig: "element",
  ivy: (a: ReadonlyMap<string, Expr>) => {
    const e = a.get("element");
    if (isNumber(e) || (e?.kind === "Constant" && typeof e.value === "boolean")) return onNumber;
    if (e?.kind === "List" || e?.kind === "Tuple") return onList;
    if (e?.kind === "Constant") return `error: jnp.${name} of this literal is not supported`;
    return `ivy.ndim(element) ${test}`;
  },
  returns: "python" as const,
  checks,
});

/** jnp.tril_indices_from / triu_indices_from: the indices of a 2-D array's triangle. */
const triangleFrom = (op: "tril_indices_from" | "triu_indices_from", checks: string[]) => ({
  sig: "arr, k=0",
  ivy: `ivy.${op}(arr, k=k)`,
  checks,
});

/** The flat index arithmetic of jnp.ravel_multi_index for literal `dims` (C order). */
function ravelMultiIndex(a: ReadonlyMap<string, Expr>): string {
  const dims = intsOf(a.get("dims"));
  if (!dims || dims.some((d) => d <= 0)) return "error: jnp.ravel_multi_index needs `dims` as literal positive ints";
  const order = a.get("order");
  if (order && !(order.kind === "Constant" && order.value === "C")) {
    return "error: jnp.ravel_multi_index is supported with order='C'";
  }
  const mode = a.get("mode");
  const modeName = mode?.kind === "Constant" && typeof mode.value === "string" ? mode.value : "raise";
  const elts = eltsOf(a.get("multi_index"));
  const index = (k: number) => (elts ? printExpr(elts[k]) : `multi_index[${k}]`);
  if (elts && elts.length !== dims.length) return "error: jnp.ravel_multi_index needs one index per dimension";
  const terms = dims.map((d, k) => {
    const i = modeName === "clip"
      ? `ivy.clip(${index(k)}, min=0, max=${d - 1})`
      : modeName === "wrap"
      ? `ivy.remainder(${index(k)}, ${d})`
      : index(k);
    const stride = dims.slice(k + 1).reduce((p, n) => p * n, 1);
    return stride === 1 ? i : `ivy.multiply(${i}, ${stride})`;
  });
  return terms.reduce((sum, t) => `ivy.add(${sum}, ${t})`);
}

/** jnp.delete with literal int indices along a literal axis (None: the flattened array). */
function deleteRow(a: ReadonlyMap<string, Expr>): string {
  // a literal int, or a literal list as JAX takes it: `jnp.array([0, 2])` (lowered to `ivy.asarray([0, 2], ...)`)
  const given = a.get("obj");
  const one = intOf(given);
  const obj = given?.kind === "Call" && given.args.length
    ? intsOf(given.args[0].value)
    : one === undefined
    ? undefined
    : [one];
  const axisExpr = a.get("axis");
  const axis = isNone(axisExpr) ? 0 : intOf(axisExpr);
  if (!obj || axis === undefined) return "error: jnp.delete needs `obj` and `axis` as literal ints";
  const arr = isNone(axisExpr) ? "ivy.reshape(arr, (-1,))" : "arr";
  return `ivy.delete(${arr}, (${[...new Set(obj)].join(", ")},), ${axis})`;
}

/** jnp.insert of a Python number before one literal non-negative index, along a literal axis. */
function insertRow(a: ReadonlyMap<string, Expr>): string {
  const k = intOf(a.get("obj"));
  const axisExpr = a.get("axis");
  const axis = isNone(axisExpr) ? 0 : intOf(axisExpr);
  if (k === undefined || k < 0 || axis === undefined) {
    return "error: jnp.insert needs `obj` as a literal non-negative int and `axis` as a literal int";
  }
  if (!isPythonNumber(a.get("values"))) return "error: jnp.insert is supported with a Python number as `values`";
  const arr = isNone(axisExpr) ? "ivy.reshape(arr, (-1,))" : "arr";
  return `ivy.insert(${arr}, ${k}, values, ${axis})`;
}

/** jnp.block of a literal list (of literal lists): concatenated along the last axis, then the one before. */
function blockRow(a: ReadonlyMap<string, Expr>): string {
  const rows = eltsOf(a.get("arrays"));
  if (!rows || a.get("arrays")?.kind !== "List") return "error: jnp.block needs a literal list of arrays";
  const nested = rows.map((r) => (r.kind === "List" ? r.elts : undefined));
  if (nested.every((r) => r === undefined)) {
    return `ivy.concatenate([${rows.map((e) => `ivy.atleast_1d(${printExpr(e)})`).join(", ")}], axis=-1)`;
  }
  if (nested.some((r) => r === undefined || r.some((e) => e.kind === "List"))) {
    return "error: jnp.block is supported with a list of arrays or a list of lists of arrays";
  }
  const inner = nested.map((r) =>
    `ivy.concatenate([${r!.map((e) => `ivy.atleast_2d(${printExpr(e)})`).join(", ")}], axis=-1)`
  );
  return `ivy.concatenate([${inner.join(", ")}], axis=-2)`;
}

/** A dtype of JAX's promotion lattice, or a Python scalar's weak type (`weak_int`, `weak_float`). */
type LatticeType =
  | "bool_"
  | "int8"
  | "uint8"
  | "int32"
  | "float16"
  | "bfloat16"
  | "float32"
  | "weak_int"
  | "weak_float";

const LATTICE_RANK: Readonly<Record<LatticeType, number>> = {
  bool_: 0,
  weak_int: 1,
  int8: 2,
  uint8: 2,
  int32: 3,
  weak_float: 4,
  float16: 5,
  bfloat16: 5,
  float32: 6,
};

/** The type of a dtype argument: a dtype (`jnp.int8`, lowered to `ivy.int8`) or a literal Python number. */
function latticeTypeOf(e?: Expr): LatticeType | undefined {
  if (!e) return undefined;
  if (e.kind === "Attribute" && Object.hasOwn(LATTICE_RANK, e.attr) && !e.attr.startsWith("weak")) {
    return e.attr as LatticeType;
  }
  if (e.kind === "Constant" && typeof e.value === "boolean") return "bool_";
  if (e.kind === "UnaryOp" && e.op === "-") return latticeTypeOf(e.operand);
  if (e.kind === "Constant" && typeof e.value === "number") {
    return e.raw?.match(/[.eE]/) || !Number.isInteger(e.value) ? "weak_float" : "weak_int";
  }
  return undefined;
}

/** JAX's promotion of two lattice types (64-bit mode off); undefined where the result is not a core dtype. */
function joinTypes(a: LatticeType, b: LatticeType): LatticeType | undefined {
  if (a === b) return a;
  if (LATTICE_RANK[a] === LATTICE_RANK[b]) {
    // int8 with uint8 is int16; float16 with bfloat16 float32
    return a === "float16" || a === "bfloat16" ? "float32" : undefined;
  }
  const [low, high] = LATTICE_RANK[a] < LATTICE_RANK[b] ? [a, b] : [b, a];
  // a weak float over an integer dtype is the default float
  if (high === "weak_float" && low !== "weak_int") return "float32";
  return high;
}

/** The dtype JAX's promotion gives its dtype arguments, as a core dtype reference (`ivy.float32`). */
function promotedDtype(name: string, args: readonly (Expr | undefined)[] | undefined): string {
  const types = args?.map(latticeTypeOf);
  if (!types?.length || types.some((t) => t === undefined)) {
    return `error: jnp.${name} needs literal dtypes (or Python numbers) as its arguments`;
  }
  let joined: LatticeType | undefined = types[0];
  for (const t of types.slice(1)) joined = joined && joinTypes(joined, t!);
  if (!joined) return `error: jnp.${name} of these dtypes gives a dtype the targets do not have`;
  return `ivy.${joined === "weak_int" ? "int32" : joined === "weak_float" ? "float32" : joined}`;
}

/** The `jax.numpy` rows written as compositions. */
export const numpyCompositeTable: ApiTable = {
  // the first condition that holds picks its choice (literal lists)
  select: {
    sig: "condlist, choicelist, default=0",
    ivy: (a) => {
      const conds = eltsOf(a.get("condlist"));
      const choices = eltsOf(a.get("choicelist"));
      if (!conds || !choices || conds.length !== choices.length || conds.length === 0) {
        return "error: jnp.select needs `condlist` and `choicelist` as literal lists of one length";
      }
      return conds.reduceRight(
        (rest, c, k) => `ivy.where(${printExpr(c)}, ${printExpr(choices[k])}, ${rest})`,
        "default",
      );
    },
    checks: [
      "jnp.select([x > 0.5, x < -0.5], [x, -x])",
      "jnp.select([x > 0, x > 1], [y, x], default=jnp.nan)",
      "jnp.select([i > 1], [i], default=-1)",
      "jnp.select([x > 0, y > 0], [y, v], default=2)",
      // Python numbers among the choices are float32 (weak), not NumPy's float64
      "jnp.select([x > 0, x < -1], [x, 2.0], 0.0)",
    ],
  },
  // choices as a literal list; `mode` 'raise' (in range), 'wrap' or 'clip'
  choose: {
    sig: "a, choices, out=None, mode='raise'",
    ivy: (a) => {
      const choices = eltsOf(a.get("choices"));
      if (!choices || choices.length < 2) return "error: jnp.choose needs `choices` as a literal list of two or more";
      // `a` is compared once per choice
      if (!isPlain(a.get("a"))) return "error: jnp.choose needs `a` as a variable or a literal (assign it first)";
      const mode = a.get("mode");
      const m = mode?.kind === "Constant" ? mode.value : "raise";
      const n = choices.length;
      const idx = m === "wrap" ? `ivy.remainder(a, ${n})` : m === "clip" ? `ivy.clip(a, min=0, max=${n - 1})` : "a";
      const last = printExpr(choices[n - 1]);
      return choices.slice(0, -1).reduceRight(
        (rest, c, k) => `ivy.where(ivy.equal(${idx}, ${k}), ${printExpr(c)}, ${rest})`,
        // the last choice where no earlier one matched (every index is in range)
        last,
      );
    },
    ignored: ["mode"],
    checks: [
      "jnp.choose(jnp.array([0, 1, 2, 1]), [v, 2.0 * v, -v])",
      "jnp.choose(jnp.array([[0, 1, 1, 0]]), [x, y])",
      "jnp.choose(jnp.array([-1, 3, 5, 1]), [v, -v, v * 3.0], mode='wrap')",
      "jnp.choose(jnp.array([-1, 3, 5, 1]), [i[0], 7, i[1]], mode='clip')",
    ],
  },
  // the kth smallest in place, smaller ones before it (ascending), larger after it (descending), as JAX's top_k
  partition: {
    sig: "a, kth, axis=-1",
    ivy: (a) => {
      const k = intOf(a.get("kth"));
      const axis = intOf(a.get("axis")) ?? (isNone(a.get("axis")) ? -1 : undefined);
      if (k === undefined || k < 0 || axis !== -1) {
        return "error: jnp.partition needs `kth` as a literal non-negative int and axis=-1";
      }
      return `ivy.partition(a, ${k})`;
    },
    ignored: ["kth", "axis"],
    checks: [
      "jnp.partition(x, 1)",
      "jnp.partition(v, 0)",
      "jnp.partition(jnp.array([3, 1, 2, 1, 5, 0]), 2)",
      "jnp.partition(jnp.floor(x * 2.0), 2, axis=-1)",
    ],
  },
  // the indices of the kth+1 smallest (ties by index), then the others in index order, as JAX
  argpartition: {
    sig: "a, kth, axis=-1",
    ivy: (a) => {
      const k = intOf(a.get("kth"));
      const axis = intOf(a.get("axis")) ?? (isNone(a.get("axis")) ? -1 : undefined);
      if (k === undefined || k < 0 || axis !== -1) {
        return "error: jnp.argpartition needs `kth` as a literal non-negative int and axis=-1";
      }
      return `ivy.argpartition(a, ${k})`;
    },
    ignored: ["kth", "axis"],
    checks: [
      "jnp.argpartition(x, 1)",
      "jnp.argpartition(v, 2)",
      "jnp.argpartition(jnp.array([3, 1, 2, 1, 5, 1]), 2)",
      "jnp.argpartition(x * -2.0, 1)",
    ],
  },
  delete: {
    sig: "arr, obj, axis=None, *, assume_unique_indices=False",
    ivy: deleteRow,
    ignored: ["obj", "axis", "assume_unique_indices"],
    checks: [
      "jnp.delete(x, 1, axis=1)",
      "jnp.delete(x, jnp.array([0, 2]), axis=0)",
      "jnp.delete(x, -1, axis=-1)",
      "jnp.delete(x, 5)",
      "jnp.delete(x, jnp.array([3, 0, 3]), axis=1)",
      "jnp.delete(x * 2.0, -2, axis=0)",
      "jnp.delete(x, jnp.array([-1, 0]), axis=1)",
    ],
  },
  insert: {
    sig: "arr, obj, values, axis=None",
    ivy: insertRow,
    ignored: ["obj", "axis"],
    checks: [
      "jnp.insert(x, 1, 9.0, axis=1)",
      "jnp.insert(x, 0, -1.0, axis=0)",
      "jnp.insert(x, 3, jnp.nan)",
      "jnp.insert(i, 1, 7)",
      "jnp.insert(i, 3, 2.7)",
      "jnp.insert(x * 2.0, 4, -1.0, axis=1)",
    ],
  },
  ravel_multi_index: {
    sig: "multi_index, dims, mode='raise', order='C', *, dtype=None",
    ivy: ravelMultiIndex,
    ignored: ["dims", "mode", "order"],
    checks: [
      "jnp.ravel_multi_index((jnp.array([0, 2, 1]), jnp.array([3, 0, 1])), (3, 4))",
      "jnp.ravel_multi_index((i, i, i), (3, 3, 3))",
      "jnp.ravel_multi_index((jnp.array([-1, 5]), jnp.array([4, -2])), (3, 4), mode='clip')",
      "jnp.ravel_multi_index((jnp.array([-1, 5]), jnp.array([4, -2])), (3, 4), mode='wrap')",
    ],
  },
  // the index arrays of a square array's diagonal
  diag_indices_from: {
    sig: "arr",
    ivy: "ivy.diag_indices_from(arr)",
    checks: ["jnp.diag_indices_from(x[:, :3])", "jnp.diag_indices_from(jnp.zeros((2, 2, 2)))"],
  },
  tril_indices_from: triangleFrom("tril_indices_from", [
    "jnp.tril_indices_from(x)",
    "jnp.tril_indices_from(x, k=1)",
    "jnp.tril_indices_from(x[:, :3], -1)",
  ]),
  triu_indices_from: triangleFrom("triu_indices_from", ["jnp.triu_indices_from(x)", "jnp.triu_indices_from(x.T, 2)"]),
  // `mask_func` jnp.triu or jnp.tril: the indices of that triangle
  mask_indices: {
    sig: "n, mask_func, k=0, *, size=None",
    ivy: (a) => {
      // the function as a value: `ivy.triu`, or `lambda x: ivy.triu(x, k=0)`
      let f = a.get("mask_func");
      if (f?.kind === "Lambda" && f.body.kind === "Call") f = f.body.func;
      const name = f?.kind === "Attribute" ? f.attr : undefined;
      if (name !== "triu" && name !== "tril") return "error: jnp.mask_indices needs `mask_func` jnp.triu or jnp.tril";
      return `ivy.${name}_indices(n, k=k)`;
    },
    ignored: ["mask_func"],
    checks: ["jnp.mask_indices(3, jnp.triu)", "jnp.mask_indices(4, jnp.tril, -1)", "jnp.mask_indices(3, jnp.triu, 1)"],
  },
  // each 1-D sequence shaped to broadcast along its own axis
  ix_: {
    sig: "*args",
    ivy: (a) => {
      const args = eltsOf(a.get("args"));
      if (!args || args.some((e) => e.kind === "Starred")) return "error: jnp.ix_ needs its arrays spelled out";
      const n = args.length;
      const shapes = args.map((_, k) => Array.from({ length: n }, (_, j) => (j === k ? "-1" : "1")));
      return `(${
        args.map((e, k) => `ivy.reshape(${printExpr(e)}, (${shapes[k].join(", ")}${n === 1 ? "," : ""}))`).join(", ")
      }${n === 1 ? "," : ""})`;
    },
    checks: ["jnp.ix_(i, jnp.array([1, 3]))", "x[jnp.ix_(jnp.array([0, 2]), jnp.array([3, 1, 0]))]", "jnp.ix_(v)"],
  },
  // the flattened array repeated (tiled) to the literal shape
  resize: {
    sig: "a, new_shape",
    ivy: (a) => {
      const shape = intsOf(a.get("new_shape"));
      if (!shape || shape.some((d) => d <= 0)) return "error: jnp.resize needs `new_shape` as literal positive ints";
      return `ivy.repeat_to_shape(a, (${shape.join(", ")},))`;
    },
    ignored: ["new_shape"],
    checks: [
      "jnp.resize(x, (2, 3))",
      "jnp.resize(v, (3, 3))",
      `jnp.resize(i, 7)`,
      "jnp.resize(x > 0, (5, 4))",
      "jnp.resize(x * 2.0, (5,))",
    ],
  },
  // entries of the flattened array set at in-range indices (`inplace=False`); `mode` 'clip' or 'wrap' maps indices in
  put: {
    sig: "a, ind, v, mode=None, *, inplace=True",
    ivy: (a) => {
      const error = notInplace(a, "put");
      if (error) return error;
      const mode = a.get("mode");
      if (!isNone(mode) && !(mode?.kind === "Constant" && (mode.value === "clip" || mode.value === "wrap"))) {
        return "error: jnp.put needs `mode` None, 'clip' or 'wrap'";
      }
      return "ivy.put(a, ind, v, mode=mode)";
    },
    ignored: ["inplace"],
    checks: [
      "jnp.put(x, jnp.array([0, 5, 11]), 9.0, inplace=False)",
      "jnp.put(x, jnp.array([1, 2]), jnp.array([-1.0, jnp.nan]), inplace=False)",
      "jnp.put(i, jnp.array([-5, 7]), jnp.array([8, 9]), mode='clip', inplace=False)",
      "jnp.put(x, jnp.array([-1, 13]), 0.5, mode='wrap', inplace=False)",
      "jnp.put(x * 2.0, jnp.array([3]), -1.0, inplace=False)",
    ],
  },
  // a 2-D array with its diagonal set to a Python number (`inplace=False`), in the array's dtype
  fill_diagonal: {
    sig: "a, val, wrap=False, *, inplace=True",
    ivy: (a) => {
      const error = notInplace(a, "fill_diagonal");
      if (error) return error;
      if (!isPythonNumber(a.get("val"))) return "error: jnp.fill_diagonal is supported with a Python number as `val`";
      return "ivy.fill_diagonal(a, val)";
    },
    ignored: ["inplace"],
    checks: [
      "jnp.fill_diagonal(x, 0.0, inplace=False)",
      "jnp.fill_diagonal(x.T, jnp.inf, inplace=False)",
      "jnp.fill_diagonal(jnp.zeros((3, 3), dtype=jnp.int32), 2.7, inplace=False)",
      "jnp.fill_diagonal(x * 2.0, -1.0, inplace=False)",
    ],
  },
  block: {
    sig: "arrays",
    ivy: blockRow,
    checks: [
      "jnp.block([v, v[:2]])",
      "jnp.block([[x, y], [y, x]])",
      "jnp.block([[x[:, :2], y[:, :1]], [v[:3]]])",
      "jnp.block([[i, i], [i, i]])",
    ],
  },
  // Python bools: a Python number or a 0-d array is a scalar; a sequence or an array of at least one axis iterable
  isscalar: pythonPredicate("isscalar", "True", "False", "== 0", [
    "jnp.full((2,), jnp.isscalar(x))",
    "jnp.full((2,), jnp.isscalar(x[0, 0]))",
    "jnp.full((2,), jnp.isscalar(1.5))",
    "jnp.full((2,), jnp.isscalar([1, 2]))",
  ]),
  iterable: pythonPredicate("iterable", "False", "True", "> 0", [
    "jnp.full((2,), jnp.iterable(x))",
    "jnp.full((2,), jnp.iterable(x[0, 0]))",
    "jnp.full((2,), jnp.iterable(2))",
    "jnp.full((2,), jnp.iterable((1, 2)))",
  ]),
  iscomplex: {
    sig: "x",
    ivy: "ivy.iscomplex(x)",
    checks: ["jnp.iscomplex(x)", "jnp.iscomplex(jnp.fft.fft(v))", "jnp.iscomplex(jnp.fft.fft(jnp.ones(4)))"],
  },
  isreal: {
    sig: "x",
    ivy: "ivy.isreal(x)",
    checks: ["jnp.isreal(x)", "jnp.isreal(jnp.fft.fft(v))", `jnp.isreal(${INTS})`],
  },
  spacing: {
    sig: "x, /",
    ivy: "ivy.spacing(ivy.inexact(x))",
    checks: [
      "jnp.spacing(x)",
      "jnp.spacing(jnp.array([0.0, -0.0, 1.0, -1.0, 1e30, -1e-30, jnp.inf, -jnp.inf, jnp.nan]))",
      `jnp.spacing(${INTS})`,
    ],
  },
  bitwise_count: {
    sig: "x, /",
    ivy: "ivy.bitwise_count(x)",
    checks: [`jnp.bitwise_count(${INTS})`, "jnp.bitwise_count(jnp.array([0, 1, 255, 2147483647, -1]))"],
  },
  // 1-D arrays; ints are float32 as JAX makes them
  convolve: {
    sig: "a, v, mode='full', *, precision=None, preferred_element_type=None",
    ivy: "ivy.convolve(ivy.inexact(a), ivy.inexact(v), mode=mode)",
    ignored: ["precision"],
    checks: [
      "jnp.convolve(v, v[:3])",
      "jnp.convolve(v, jnp.array([1.0, -1.0]), mode='same')",
      "jnp.convolve(v[:2], v, mode='same')",
      "jnp.convolve(v, v[:3], mode='valid')",
      `jnp.convolve(${INTS}, jnp.array([1, 2]))`,
    ],
  },
  correlate: {
    sig: "a, v, mode='valid', *, precision=None, preferred_element_type=None",
    ivy: "ivy.correlate(ivy.inexact(a), ivy.inexact(v), mode=mode)",
    ignored: ["precision"],
    checks: [
      "jnp.correlate(v, v[:3])",
      "jnp.correlate(v, jnp.array([1.0, -1.0, 0.5, 2.0]), mode='same')",
      "jnp.correlate(v[:2], v, mode='full')",
      `jnp.correlate(${INTS}, jnp.array([1, 2]), mode='full')`,
    ],
  },
  lexsort: {
    sig: "keys, axis=-1",
    ivy: "ivy.lexsort(keys, axis=axis)",
    checks: [
      "jnp.lexsort((jnp.array([1, 0, 1, 0]), jnp.array([2, 2, 1, 1])))",
      "jnp.lexsort([v, jnp.floor(v)])",
      "jnp.lexsort((x, jnp.floor(y)), axis=1)",
      "jnp.lexsort(jnp.floor(x * 2.0))",
    ],
  },
  // 1-D coefficient arrays, highest power first
  polyadd: {
    sig: "a1, a2",
    ivy: "ivy.polyadd(a1, a2)",
    checks: [
      "jnp.polyadd(v, v[:2])",
      "jnp.polyadd(v[:1], v)",
      "jnp.polyadd(jnp.array([1, 2]), jnp.array([3, 4, 5]))",
      "jnp.polyadd(v[:2], jnp.where(v > 0, jnp.inf, v))",
    ],
  },
  polysub: {
    sig: "a1, a2",
    ivy: "ivy.polysub(a1, a2)",
    checks: ["jnp.polysub(v, v[:2])", "jnp.polysub(v[:3], v)", "jnp.polysub(jnp.array([1, 2]), jnp.array([3, 4, 5]))"],
  },
  // the product: the full convolution of the coefficients, inexact as JAX makes them
  polymul: {
    sig: "a1, a2, *, trim_leading_zeros=False",
    ivy: "ivy.convolve(ivy.inexact(ivy.atleast_1d(a1)), ivy.inexact(ivy.atleast_1d(a2)))",
    checks: ["jnp.polymul(v, v[:2])", "jnp.polymul(v[:1], v)", "jnp.polymul(jnp.array([1, 2]), jnp.array([3, 4, 5]))"],
  },
  polyder: {
    sig: "p, m=1",
    ivy: "ivy.polyder(ivy.inexact(p), m=m)",
    checks: ["jnp.polyder(v)", "jnp.polyder(v, 2)", "jnp.polyder(jnp.array([1, -2, 3, 4]))", "jnp.polyder(v, m=4)"],
  },
  // integration constants 0 (`k=None`)
  polyint: {
    sig: "p, m=1, k=None",
    ivy: "ivy.polyint(ivy.inexact(p), m=m)",
    checks: ["jnp.polyint(v)", "jnp.polyint(v, 2)", "jnp.polyint(jnp.array([1, 2, 3]))", "jnp.polyint(v, m=0)"],
  },
  // real inputs
  sort_complex: {
    sig: "a",
    ivy: "ivy.sort_complex(ivy.inexact(a))",
    checks: ["jnp.sort_complex(v)", `jnp.sort_complex(${EDGES})`, `jnp.sort_complex(${INTS})`],
  },
  // computed eagerly, as JAX does outside jit
  trim_zeros: {
    sig: "filt, trim='fb', axis=None",
    ivy: "ivy.trim_zeros(filt, trim=trim)",
    checks: [
      "jnp.trim_zeros(jnp.array([0.0, 0.0, 1.5, 0.0, -2.0, 0.0]))",
      "jnp.trim_zeros(jnp.array([0, 0, 3, 0, 4, 0]), 'f')",
      "jnp.trim_zeros(jnp.array([0, 0, 3, 0, 4, 0]), trim='b')",
      "jnp.trim_zeros(jnp.zeros(3))",
      "jnp.trim_zeros(v)",
    ],
  },
  // unit spacing along one literal axis (one array, as JAX returns for one axis)
  gradient: {
    sig: "f, *varargs, axis=None, edge_order=None",
    ivy: (a) => {
      const axis = intOf(a.get("axis"));
      if (axis === undefined) return "error: jnp.gradient is supported with `axis` as a literal int";
      if (eltsOf(a.get("varargs"))?.length) return "error: jnp.gradient is supported at unit spacing only";
      return `ivy.gradient(ivy.inexact(f), ${axis})`;
    },
    ignored: ["axis", "varargs"],
    checks: [
      "jnp.gradient(v, axis=0)",
      "jnp.gradient(x, axis=1)",
      "jnp.gradient(x, axis=0)",
      `jnp.gradient(${EDGES}, axis=-1)`,
      `jnp.gradient(${INTS}, axis=0)`,
    ],
  },
  // a dtype and a kind ('bool', 'integral', 'real floating', 'numeric', a dtype, or a literal tuple of them)
  isdtype: {
    sig: "dtype, kind",
    ivy: (a) => {
      const kind = a.get("kind");
      if (!kind) return "error: jnp.isdtype needs a kind";
      const kinds = eltsOf(kind) ?? [kind];
      // `dtype` is tested once per kind
      if (kinds.length > 1 && !isPlain(a.get("dtype"))) {
        return "error: jnp.isdtype of several kinds needs `dtype` as a variable or a literal (assign it first)";
      }
      const tests = kinds.map((k) => {
        if (k.kind !== "Constant" || typeof k.value !== "string") return `ivy.issubdtype(dtype, ${printExpr(k)})`;
        const category = ISDTYPE_KINDS[k.value];
        return category ? `ivy.issubdtype(dtype, '${category}')` : undefined;
      });
      if (tests.some((t) => t === undefined)) {
        return `error: jnp.isdtype is supported with the kinds ${Object.keys(ISDTYPE_KINDS).join(", ")} and dtypes`;
      }
      return tests.join(" or ");
    },
    ignored: ["kind"],
    returns: "python",
    checks: [
      "jnp.asarray([jnp.isdtype(x.dtype, 'real floating'), jnp.isdtype(i.dtype, 'real floating')])",
      "jnp.asarray([jnp.isdtype(i.dtype, 'integral'), jnp.isdtype((x > 0).dtype, 'integral')])",
      "jnp.asarray([jnp.isdtype((x > 0).dtype, 'bool'), jnp.isdtype((x > 0).dtype, 'numeric')])",
      "jnp.asarray([jnp.isdtype(i.dtype, ('bool', jnp.int32)), jnp.isdtype(x.dtype, jnp.int32)])",
    ],
  },
  // `left`/`right` numbers or None (not 'extrapolate'), no `period`
  interp: {
    sig: "x, xp, fp, left=None, right=None, period=None",
    ivy: "ivy.interp(ivy.inexact(x), ivy.inexact(xp), ivy.inexact(fp), left=left, right=right)",
    checks: [
      "jnp.interp(x, jnp.array([-1.0, 0.0, 0.5, 2.0]), jnp.array([1.0, -1.0, 3.0, 0.0]))",
      "jnp.interp(x, jnp.array([-0.5, 0.5]), jnp.array([0.0, 10.0]), left=-5.0, right=jnp.nan)",
      `jnp.interp(${EDGES}, jnp.array([0.0, 1.0, 1.0, 3.0]), jnp.array([0.0, 1.0, 2.0, 3.0]))`,
      `jnp.interp(${INTS}, jnp.array([0, 2, 4]), jnp.array([1, 5, 3]))`,
    ],
  },
  // JAX's promotion lattice (not NumPy's), read from literal dtypes at transpile time
  promote_types: {
    sig: "a, b",
    ivy: (a) => promotedDtype("promote_types", [a.get("a"), a.get("b")]),
    ignored: ["a", "b"],
    returns: "dtype",
    checks: [
      "jnp.zeros(2, dtype=jnp.promote_types(jnp.int8, jnp.float16))",
      "jnp.zeros(2, dtype=jnp.promote_types(jnp.uint8, jnp.int32))",
      "jnp.zeros(2, dtype=jnp.promote_types(jnp.float16, jnp.bfloat16))",
      "jnp.zeros(2, dtype=jnp.promote_types(jnp.bool_, jnp.int8))",
      "i.astype(jnp.promote_types(jnp.int32, jnp.float32))",
    ],
  },
  // with Python numbers as weak types: an int keeps an integer dtype, a float gives float32 over integers
  result_type: {
    sig: "*args, return_weak_type_flag=False",
    ivy: (a) => promotedDtype("result_type", eltsOf(a.get("args"))),
    ignored: ["args"],
    returns: "dtype",
    checks: [
      "jnp.zeros(2, dtype=jnp.result_type(jnp.int8, 1.0))",
      "jnp.zeros(2, dtype=jnp.result_type(jnp.float16, 1.0))",
      "jnp.zeros(2, dtype=jnp.result_type(jnp.int8, 1))",
      "jnp.zeros(2, dtype=jnp.result_type(jnp.bool_, 1))",
      "jnp.zeros(2, dtype=jnp.result_type(jnp.uint8, jnp.bool_, 2))",
      "jnp.zeros(2, dtype=jnp.result_type(1.0))",
      "jnp.zeros(2, dtype=jnp.result_type(True, 1))",
    ],
  },
  // the default period 2 pi and discontinuity pi
  unwrap: {
    sig: "p, discont=None, axis=-1, period=6.283185307179586",
    ivy: "ivy.unwrap(ivy.inexact(p), axis=axis)",
    checks: [
      "jnp.unwrap(jnp.cumsum(v * 4.0))",
      "jnp.unwrap(jnp.cumsum(x * 5.0, axis=0), axis=0)",
      "jnp.unwrap(jnp.array([0.0, 3.0, 6.5, 0.5, -3.5, jnp.pi, -jnp.pi]))",
      `jnp.unwrap(${INTS} * 2)`,
    ],
  },
  // `bins` an int or an array of edges; `range` a pair of numbers or None (no weights)
  histogram_bin_edges: {
    sig: "a, bins=10, range=None, weights=None",
    ivy: "ivy.histogram_bin_edges(ivy.inexact(a), bins, bin_range=range)",
    checks: [
      "jnp.histogram_bin_edges(x)",
      "jnp.histogram_bin_edges(x, 4, range=(-1.0, 2.0))",
      "jnp.histogram_bin_edges(jnp.ones(3), 2)",
      `jnp.histogram_bin_edges(${INTS}, bins=jnp.array([-3.0, 0.0, 8.0]))`,
    ],
  },
  // counts as floats, as JAX gives them; values on the last edge fall in the last bin
  histogram: {
    sig: "a, bins=10, range=None, weights=None, density=None",
    ivy: (a) => {
      const density = a.get("density");
      if (!isNone(density) && !isFalse(density) && !isTrue(density)) {
        return "error: jnp.histogram needs `density` as a literal bool";
      }
      return `ivy.histogram(ivy.inexact(a), bins, bin_range=range, density=${isTrue(density) ? "True" : "False"})`;
    },
    ignored: ["density"],
    checks: [
      "jnp.histogram(x)",
      "jnp.histogram(x, 4, range=(-1.0, 1.0))",
      "jnp.histogram(jnp.array([0.0, 1.0, 1.0, 2.0, 3.0]), bins=3)",
      "jnp.histogram(x, bins=jnp.array([-2.0, 0.0, 0.5, 3.0]), density=True)",
      `jnp.histogram(${INTS}, 5, density=True)`,
    ],
  },
};
