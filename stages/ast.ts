/**
 * The Python syntax tree every stage reads and writes: a tagged union of
 * immutable nodes. Each node keeps the source position it came from so that a
 * later stage can report a diagnostic against the user's file.
 *
 * @module
 */

/** A 1-based source position. */
export interface Loc {
  readonly line: number;
  readonly col: number;
}

/** The position given to nodes that a stage creates out of nothing. */
export const NO_LOC: Loc = { line: 0, col: 0 };

/** A Python expression. */
export type Expr =
  | Name
  | Attribute
  | Call
  | Subscript
  | Slice
  | Constant
  | Tuple
  | List
  | Dict
  | BinOp
  | UnaryOp
  | Compare
  | BoolOp
  | IfExp
  | Lambda
  | Starred
  | Comprehension
  | FString;

/** A bare identifier. */
export interface Name {
  readonly kind: "Name";
  readonly id: string;
  readonly loc: Loc;
}
/** `value.attr` */
export interface Attribute {
  readonly kind: "Attribute";
  readonly value: Expr;
  readonly attr: string;
  readonly loc: Loc;
}
/** One argument of a call: positional, `name=value`, `*value` or `**value`. */
export interface Arg {
  readonly name?: string;
  readonly star?: "*" | "**";
  readonly value: Expr;
}
/** `func(args...)` */
export interface Call {
  readonly kind: "Call";
  readonly func: Expr;
  readonly args: readonly Arg[];
  readonly loc: Loc;
}
/** `value[index]`; a multi-part index is a `Tuple`. */
export interface Subscript {
  readonly kind: "Subscript";
  readonly value: Expr;
  readonly index: Expr;
  readonly loc: Loc;
}
/** `lower:upper:step` inside a subscript. */
export interface Slice {
  readonly kind: "Slice";
  readonly lower?: Expr;
  readonly upper?: Expr;
  readonly step?: Expr;
  readonly loc: Loc;
}
/** A literal. Numbers keep their source text in `raw`. */
export interface Constant {
  readonly kind: "Constant";
  readonly value: number | string | boolean | null | "...";
  readonly raw?: string;
  readonly isString?: boolean;
  readonly loc: Loc;
}
/** `(a, b)` */
export interface Tuple {
  readonly kind: "Tuple";
  readonly elts: readonly Expr[];
  readonly loc: Loc;
}
/** `[a, b]` */
export interface List {
  readonly kind: "List";
  readonly elts: readonly Expr[];
  readonly loc: Loc;
}
/** `{k: v}` */
export interface Dict {
  readonly kind: "Dict";
  readonly keys: readonly Expr[];
  readonly values: readonly Expr[];
  readonly loc: Loc;
}
/** Binary operators, Python spelling. */
export type BinOperator =
  | "+"
  | "-"
  | "*"
  | "/"
  | "//"
  | "%"
  | "**"
  | "@"
  | "&"
  | "|"
  | "^"
  | "<<"
  | ">>";
/** `left op right` */
export interface BinOp {
  readonly kind: "BinOp";
  readonly op: BinOperator;
  readonly left: Expr;
  readonly right: Expr;
  readonly loc: Loc;
}
/** `-x`, `+x`, `~x`, `not x` */
export interface UnaryOp {
  readonly kind: "UnaryOp";
  readonly op: "-" | "+" | "~" | "not";
  readonly operand: Expr;
  readonly loc: Loc;
}
/** `a < b <= c` */
export interface Compare {
  readonly kind: "Compare";
  readonly left: Expr;
  readonly ops: readonly string[];
  readonly comparators: readonly Expr[];
  readonly loc: Loc;
}
/** `a and b`, `a or b` */
export interface BoolOp {
  readonly kind: "BoolOp";
  readonly op: "and" | "or";
  readonly values: readonly Expr[];
  readonly loc: Loc;
}
/** `body if test else orelse` */
export interface IfExp {
  readonly kind: "IfExp";
  readonly test: Expr;
  readonly body: Expr;
  readonly orelse: Expr;
  readonly loc: Loc;
}
/** `lambda params: body` */
export interface Lambda {
  readonly kind: "Lambda";
  readonly params: readonly Param[];
  readonly body: Expr;
  readonly loc: Loc;
}
/** `*value` in a list, tuple or assignment target. */
export interface Starred {
  readonly kind: "Starred";
  readonly value: Expr;
  readonly loc: Loc;
}
/** One `for target in iter if cond...` clause of a comprehension. */
export interface ComprehensionFor {
  readonly target: Expr;
  readonly iter: Expr;
  readonly conditions: readonly Expr[];
}
/**
 * `[elt for ...]`, `(elt for ...)`, `{elt for ...}` and `{key: elt for ...}`
 * (a dict comprehension has a `key`).
 */
export interface Comprehension {
  readonly kind: "Comprehension";
  readonly brackets: "[]" | "()" | "{}";
  readonly key?: Expr;
  readonly elt: Expr;
  readonly generators: readonly ComprehensionFor[];
  readonly loc: Loc;
}

/** One `{value!conversion:spec}` field of an f-string. */
export interface FStringField {
  readonly value: Expr;
  /** `r`, `s` or `a` of `!r`. */
  readonly conversion?: string;
  /** The format spec after `:`, itself literal text and fields. */
  readonly spec?: readonly FStringPart[];
}
/** Literal text, or a field. */
export type FStringPart = string | FStringField;
/** `f"text {value!r:spec} text"` */
export interface FString {
  readonly kind: "FString";
  readonly parts: readonly FStringPart[];
  readonly loc: Loc;
}

/** Applies `m` to every expression of an f-string's fields, specs included. */
export function mapFStringParts(parts: readonly FStringPart[], m: (e: Expr) => Expr): FStringPart[] {
  return parts.map((p) =>
    typeof p === "string" ? p : { ...p, value: m(p.value), spec: p.spec && mapFStringParts(p.spec, m) }
  );
}

/** One function parameter. */
export interface Param {
  readonly name: string;
  /** `*args`, `**kwargs`, or the bare `*` separator (empty name). */
  readonly star?: "*" | "**";
  readonly annotation?: Expr;
  readonly default?: Expr;
}

/** Comments kept with a statement: whole lines before it, one at its end, whole lines after it. */
export interface Comments {
  readonly comments?: readonly string[];
  readonly trailingComment?: string;
  readonly commentsAfter?: readonly string[];
}

/** A Python statement. */
export type Stmt =
  & Comments
  & (
    | FunctionDef
    | ClassDef
    | Return
    | Assign
    | AugAssign
    | ExprStmt
    | If
    | For
    | While
    | With
    | Simple
    | Import
    | ImportFrom
    | Raise
    | Assert
  );

/** `def name(params) -> returns:` */
export interface FunctionDef {
  readonly kind: "FunctionDef";
  readonly name: string;
  readonly params: readonly Param[];
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
  readonly returns?: Expr;
  readonly loc: Loc;
}
/** `class name(bases):` */
export interface ClassDef {
  readonly kind: "ClassDef";
  readonly name: string;
  readonly bases: readonly Arg[];
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
  readonly loc: Loc;
}
/** `return value` */
export interface Return {
  readonly kind: "Return";
  readonly value?: Expr;
  readonly loc: Loc;
}
/** `t1 = t2 = value`, or `target: annotation = value`. */
export interface Assign {
  readonly kind: "Assign";
  readonly targets: readonly Expr[];
  readonly value?: Expr;
  readonly annotation?: Expr;
  readonly loc: Loc;
}
/** `target op= value` */
export interface AugAssign {
  readonly kind: "AugAssign";
  readonly target: Expr;
  readonly op: BinOperator;
  readonly value: Expr;
  readonly loc: Loc;
}
/** An expression used as a statement (calls, docstrings). */
export interface ExprStmt {
  readonly kind: "ExprStmt";
  readonly value: Expr;
  readonly loc: Loc;
}
/** `if test: body else: orelse`; `elif` is a nested `If` alone in `orelse`. */
export interface If {
  readonly kind: "If";
  readonly test: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
  readonly loc: Loc;
}
/** `for target in iter: body` */
export interface For {
  readonly kind: "For";
  readonly target: Expr;
  readonly iter: Expr;
  readonly body: readonly Stmt[];
  readonly loc: Loc;
}
/** `while test: body` */
export interface While {
  readonly kind: "While";
  readonly test: Expr;
  readonly body: readonly Stmt[];
  readonly loc: Loc;
}
/** One `context as target` of a `with`. */
export interface WithItem {
  readonly context: Expr;
  readonly target?: Expr;
}
/** `with context as target, ...: body` */
export interface With {
  readonly kind: "With";
  readonly items: readonly WithItem[];
  readonly body: readonly Stmt[];
  readonly loc: Loc;
}
/** `pass`, `break`, `continue` */
export interface Simple {
  readonly kind: "Simple";
  readonly keyword: "pass" | "break" | "continue";
  readonly loc: Loc;
}
/** One `name as asname` of an import. */
export interface Alias {
  readonly name: string;
  readonly asname?: string;
}
/** `import a.b as c` */
export interface Import {
  readonly kind: "Import";
  readonly names: readonly Alias[];
  /** An absolute import of the input package itself: isort's first-party section. */
  readonly firstParty?: boolean;
  readonly loc: Loc;
}
/** `from module import a as b`; a relative import's `module` starts with its dots (`..utils`). */
export interface ImportFrom {
  readonly kind: "ImportFrom";
  readonly module: string;
  readonly names: readonly Alias[];
  /** An absolute import of the input package itself: isort's first-party section. */
  readonly firstParty?: boolean;
  readonly loc: Loc;
}
/** `raise exc` */
export interface Raise {
  readonly kind: "Raise";
  readonly exc?: Expr;
  readonly loc: Loc;
}
/** `assert test, msg` */
export interface Assert {
  readonly kind: "Assert";
  readonly test: Expr;
  readonly msg?: Expr;
  readonly loc: Loc;
}

/** A parsed Python file. */
export interface Module {
  readonly kind: "Module";
  readonly body: readonly Stmt[];
}

/** `a.b.c` as a `Name`/`Attribute` chain. */
export function dotted(path: string, loc: Loc = NO_LOC): Expr {
  const [head, ...rest] = path.split(".");
  let expr: Expr = { kind: "Name", id: head, loc };
  for (const attr of rest) expr = { kind: "Attribute", value: expr, attr, loc };
  return expr;
}

/** The dotted path of a `Name`/`Attribute` chain, or undefined. */
export function dottedPath(expr: Expr): string | undefined {
  if (expr.kind === "Name") return expr.id;
  if (expr.kind === "Attribute") {
    const base = dottedPath(expr.value);
    return base === undefined ? undefined : `${base}.${expr.attr}`;
  }
  return undefined;
}

/** A call node. */
export function call(
  func: Expr | string,
  args: readonly Arg[],
  loc: Loc = NO_LOC,
): Call {
  return {
    kind: "Call",
    func: typeof func === "string" ? dotted(func, loc) : func,
    args,
    loc,
  };
}

/** A constant node; numbers print from `raw` when given. */
export function constant(
  value: Constant["value"],
  loc: Loc = NO_LOC,
): Constant {
  return typeof value === "string" && value !== "..."
    ? { kind: "Constant", value, isString: true, loc }
    : { kind: "Constant", value, loc };
}

/** A name node. */
export function name(id: string, loc: Loc = NO_LOC): Name {
  return { kind: "Name", id, loc };
}

/** True for a string literal used as a statement: a docstring when it comes first in a body. */
export function isDocstring(s: Stmt | undefined): boolean {
  return s?.kind === "ExprStmt" && s.value.kind === "Constant" && s.value.isString === true;
}
