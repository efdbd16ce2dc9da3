/**
 * Prints the syntax tree as Python in the layout `ruff format` produces:
 * 4-space indents, double quotes, lines of at most 88 characters split at
 * the last bracket first (the layout engine of `print/layout.ts`), and ruff's
 * blank lines around definitions.
 *
 * @module
 */
import type * as A from "./ast.ts";
import { isDocstring } from "./ast.ts";
import { importSection, isImport } from "./imports.ts";
import {
  chain,
  chainLayout,
  collection,
  type Doc,
  flat,
  type Group,
  group,
  INDENT,
  joinFlat,
  layout,
  LINE_WIDTH,
  optionalParentheses,
  parenthesized,
} from "./print/layout.ts";

const PRECEDENCE: Record<string, number> = {
  "or": 2,
  "and": 3,
  "not": 4,
  "compare": 5,
  "|": 6,
  "^": 7,
  "&": 8,
  "<<": 9,
  ">>": 9,
  "+": 10,
  "-": 10,
  "*": 11,
  "/": 11,
  "//": 11,
  "%": 11,
  "@": 11,
  "unary": 12,
  "**": 13,
};

function precedence(e: A.Expr): number {
  switch (e.kind) {
    case "Lambda":
      return 0;
    case "IfExp":
      return 1;
    case "BoolOp":
      return PRECEDENCE[e.op];
    case "UnaryOp":
      return e.op === "not" ? 4 : 12;
    case "Compare":
      return 5;
    case "BinOp":
      return PRECEDENCE[e.op];
    case "Starred":
      return 1;
    case "Constant":
      return typeof e.value === "number" && e.value < 0 ? 12 : 16;
    default:
      return 16;
  }
}

function wrap(e: A.Expr, min: number): Doc {
  const d = doc(e);
  return precedence(e) < min ? parenthesized(d) : d;
}

function argDoc(a: A.Arg): Doc {
  if (a.star) return [a.star, doc(a.value)];
  return a.name ? [a.name, "=", doc(a.value)] : doc(a.value);
}

function paramDoc(p: A.Param): Doc {
  const nameDoc = (p.star ?? "") + p.name;
  if (p.annotation && p.default) return [nameDoc, ": ", doc(p.annotation), " = ", doc(p.default)];
  if (p.annotation) return [nameDoc, ": ", doc(p.annotation)];
  if (p.default) return [nameDoc, "=", doc(p.default)];
  return nameDoc;
}

function quote(s: string, forced?: string): string {
  const useSingle = s.includes('"') && !s.includes("'");
  const q = forced ?? (useSingle ? "'" : '"');
  let out = "";
  for (const ch of s) {
    if (ch === "\\") out += "\\\\";
    else if (ch === q) out += "\\" + q;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (ch < " ") out += "\\x" + ch.charCodeAt(0).toString(16).padStart(2, "0");
    else out += ch;
  }
  return q + out + q;
}

/** The characters of literal f-string text, braces doubled, in quotes `q`. */
function fstringLiteral(s: string, q: string): string {
  return quote(s, q).slice(1, -1).replaceAll("{", "{{").replaceAll("}", "}}");
}

function fstringParts(parts: readonly A.FStringPart[], q: string): string {
  return parts.map((p) => {
    if (typeof p === "string") return fstringLiteral(p, q);
    const value = flat(doc(p.value));
    // `{x}` with a dict or set display inside needs a space: `{ {1: 2}[k]}`
    const pad = value.startsWith("{") ? " " : "";
    const conversion = p.conversion ? `!${p.conversion}` : "";
    const spec = p.spec ? `:${fstringParts(p.spec, q)}` : "";
    return `{${pad}${value}${conversion}${spec}}`;
  }).join("");
}

/** `f"..."`, in double quotes unless a field's expression needs them (Python 3.11 cannot nest them). */
function fstringText(e: A.FString): string {
  const fields = (parts: readonly A.FStringPart[]): string[] =>
    parts.flatMap((p) => (typeof p === "string" ? [] : [flat(doc(p.value)), ...fields(p.spec ?? [])]));
  const needsSingle = fields(e.parts).some((t) => t.includes('"'));
  const q = needsSingle ? "'" : '"';
  return `f${q}${fstringParts(e.parts, q)}${q}`;
}

function constantText(e: A.Constant): string {
  if (e.isString) return quote(e.value as string);
  if (e.value === null) return "None";
  if (e.value === true) return "True";
  if (e.value === false) return "False";
  if (e.value === "...") return "...";
  // as ruff writes numbers: prefix, exponent and `j` lowercase, hex digits uppercase
  const text = (e.raw ?? String(e.value)).toLowerCase();
  return text.startsWith("0x") ? "0x" + text.slice(2).toUpperCase() : text;
}

function sliceDoc(e: A.Slice): string {
  const part = (x?: A.Expr) => (x ? flat(doc(x)) : "");
  // ruff: names, literals and `-`/`+`/`~` of them keep the colon tight (`a[:-1]`).
  const isSimple = (x?: A.Expr): boolean =>
    x === undefined || x.kind === "Name" || x.kind === "Constant" ||
    (x.kind === "UnaryOp" && x.op !== "not" && isSimple(x.operand));
  if ([e.lower, e.upper, e.step].every(isSimple)) {
    return part(e.lower) + ":" + part(e.upper) + (e.step ? ":" + part(e.step) : "");
  }
  let text = (e.lower ? part(e.lower) + " " : "") + ":" + (e.upper ? " " + part(e.upper) : "");
  if (e.step) text += (e.upper ? " " : "") + ": " + part(e.step);
  return text;
}

/** The doc of one expression. */
function doc(e: A.Expr): Doc {
  switch (e.kind) {
    case "Name":
      return e.id;
    case "Attribute": {
      const base = e.value.kind === "Constant" && typeof e.value.value === "number"
        ? group("(", [doc(e.value)], ")")
        : wrap(e.value, 15);
      return [base, ".", e.attr];
    }
    case "Call": {
      const only = e.args[0]?.value;
      if (
        e.args.length === 1 && !e.args[0].name && !e.args[0].star && only?.kind === "Comprehension" &&
        only.brackets === "()"
      ) {
        // the call's parentheses are the generator's: no comma after it when split
        return [wrap(e.func, 15), parenthesized((doc(only) as Group).items[0])];
      }
      return [wrap(e.func, 15), group("(", e.args.map(argDoc), ")")];
    }
    case "Subscript": {
      const single = e.index.kind !== "Tuple" || e.index.elts.length === 0;
      const items = single ? [doc(e.index)] : (e.index as A.Tuple).elts.map((x) => doc(x));
      return [wrap(e.value, 15), { ...group("[", items, "]", !single && items.length === 1), subscript: true }];
    }
    case "Slice":
      return sliceDoc(e);
    case "Constant":
      return constantText(e);
    case "Tuple":
      return collection("(", e.elts.map((x) => wrap(x, 1)), ")", e.elts.length === 1);
    case "List":
      return collection("[", e.elts.map((x) => wrap(x, 1)), "]");
    case "Dict":
      return collection("{", e.keys.map((k, i) => [doc(k), ": ", doc(e.values[i])]), "}");
    case "BinOp": {
      if (e.op !== "**" || !huggedPower(e)) return chain(operatorChain(e)!);
      return [wrap(e.left, PRECEDENCE[e.op] + 1), "**", wrap(e.right, PRECEDENCE.unary)];
    }
    case "UnaryOp":
      return e.op === "not" ? ["not ", wrap(e.operand, 4)] : [e.op, wrap(e.operand, 12)];
    case "Compare":
      // split as ruff splits a binary operator chain
      return chain(operatorChain(e)!);
    case "BoolOp": {
      return chain(operatorChain(e)!);
    }
    case "IfExp":
      // split as ruff splits one: before `if` and before `else`
      return chain(operatorChain(e)!);
    case "Lambda": {
      const params = e.params.map((p) => flat(paramDoc(p))).join(", ");
      // ruff splits a body that ends in its own brackets there, and puts any other in parentheses
      const body = wrap(e.body, 0);
      const bracketed = ["Call", "Subscript", "List", "Dict", "Set", "Comprehension"].includes(e.body.kind);
      return [params ? `lambda ${params}: ` : "lambda: ", bracketed ? body : optionalParentheses(body)];
    }
    case "Starred":
      return ["*", wrap(e.value, 12)];
    case "FString":
      return fstringText(e);
    case "Comprehension": {
      // split as ruff splits one: before each `for` and `if` clause
      const clauses = e.generators.flatMap((g): [string, Doc][] => [
        ["for", `${flat(targetDoc(g.target))} in ${flat(wrap(g.iter, 2))}`],
        ...g.conditions.map((c): [string, Doc] => ["if", flat(wrap(c, 2))]),
      ]);
      // the element may split in turn at its brackets, as ruff splits one too long for its line
      const head: Doc = e.key ? [`${flat(wrap(e.key, 1))}: `, wrap(e.elt, 1)] : wrap(e.elt, 1);
      return parenthesized(chain([["", head], ...clauses]), e.brackets[0], e.brackets[1]);
    }
  }
}

/** Assignment and loop targets print tuples without parentheses. */
function targetDoc(e: A.Expr): Doc {
  if (e.kind === "Tuple" && e.elts.length > 1) return joinFlat(e.elts.map((x) => wrap(x, 1)));
  return doc(e);
}

/**
 * Lines for a statement's value, as ruff splits one that does not fit: a bare
 * tuple gets parentheses, one item a line; an operator chain gets parentheses,
 * on one line inside them or broken before each operator; anything else is
 * split at its last bracket.
 */
function valueLayout(e: A.Expr, indent: string, prefix: string): string[] {
  const line = indent + prefix + flat(targetDoc(e));
  if (line.length <= LINE_WIDTH) return [line];
  if (e.kind === "Tuple" && e.elts.length > 1) {
    return layout(collection("(", e.elts.map((x) => wrap(x, 1)), ")"), indent, prefix, "");
  }
  const operands = operatorChain(e);
  if (operands) return chainLayout(doc(e), operands, indent, prefix);
  // ruff's fluent style: a chain of two or more method calls on call results goes in parentheses when that fits
  const inParentheses = indent + INDENT + flat(doc(e));
  if (fluentCalls(e) >= 2 && inParentheses.length <= LINE_WIDTH) {
    return [indent + prefix + "(", inParentheses, indent + ")"];
  }
  return layout(doc(e), indent, prefix, "");
}

/** The attribute accesses of a call chain made on a call's or subscript's result (`f(x).a().b()`: 2). */
function fluentCalls(e: A.Expr): number {
  const inner = e.kind === "Call" ? e.func : e.kind === "Subscript" ? e.value : e;
  if (inner.kind !== "Attribute") return inner === e ? 0 : fluentCalls(inner);
  const onResult = inner.value.kind === "Call" || inner.value.kind === "Subscript";
  return (onResult ? 1 : 0) + fluentCalls(inner.value);
}

/**
 * A power ruff prints without spaces (`x**2`): its operands are names, attribute chains on a name, numbers, or unary
 * operators of those.
 */
function huggedPower(e: A.BinOp): boolean {
  const simple = (x: A.Expr): boolean =>
    x.kind === "Name" || (x.kind === "Attribute" && attributeChain(x)) ||
    (x.kind === "Constant" && typeof x.value === "number") ||
    (x.kind === "UnaryOp" && x.op !== "not" && simple(x.operand));
  return simple(e.left) && simple(e.right);
}

/** The operands of a binary/boolean operator chain at its lowest precedence, with the operator before each. */
function operatorChain(e: A.Expr): [string, Doc][] | undefined {
  if (e.kind === "BoolOp") return e.values.map((v, i) => [i === 0 ? "" : e.op, wrap(v, PRECEDENCE[e.op] + 1)]);
  if (e.kind === "IfExp") return [["", wrap(e.body, 2)], ["if", wrap(e.test, 2)], ["else", wrap(e.orelse, 1)]];
  if (e.kind === "Compare") {
    return [["", wrap(e.left, 6)], ...e.ops.map((op, i): [string, Doc] => [op, wrap(e.comparators[i], 6)])];
  }
  if (e.kind !== "BinOp" || (e.op === "**" && huggedPower(e))) return undefined;
  const p = PRECEDENCE[e.op];
  // `**` binds to the right (`a ** b ** c` is `a ** (b ** c)`): two operands, split before the operator as ruff does
  if (e.op === "**") return [["", wrap(e.left, p + 1)], ["**", wrap(e.right, PRECEDENCE.unary)]];
  // down the left operands at this precedence with a loop (`a + b - c` is `(a + b) - c`): no chain is too long
  const spine: A.BinOp[] = [];
  let at: A.Expr = e;
  for (; at.kind === "BinOp" && PRECEDENCE[at.op] === p; at = at.left) spine.push(at);
  const out: [string, Doc][] = [["", wrap(at, p)]];
  for (let i = spine.length - 1; i >= 0; i--) out.push([spine[i].op, wrap(spine[i].right, p + 1)]);
  return out;
}

/** Prints one expression on one line. */
export function printExpr(e: A.Expr): string {
  return flat(doc(e));
}

function isDef(s: A.Stmt): boolean {
  return s.kind === "FunctionDef" || s.kind === "ClassDef";
}

/** Blank lines ruff puts between two statements of one block. */
function blankLinesBetween(prev: A.Stmt, next: A.Stmt, topLevel: boolean, inClass: boolean, index: number): number {
  const defGap = topLevel ? 2 : 1;
  if (isDef(prev) || isDef(next)) {
    if (!topLevel && !inClass && index === 1 && isDocstring(prev)) return 1;
    return defGap;
  }
  if (isImport(prev) && !isImport(next)) return 1;
  if (isImport(prev) && isImport(next) && importSection(prev) !== importSection(next)) return 1;
  if (topLevel && index === 1 && isDocstring(prev)) return 1;
  if (inClass && index === 1 && isDocstring(prev)) return 1;
  return 0;
}

function block(body: readonly A.Stmt[], indent: string, topLevel: boolean, inClass: boolean): string[] {
  const out: string[] = [];
  body.forEach((s, i) => {
    if (i > 0) {
      for (let n = blankLinesBetween(body[i - 1], s, topLevel, inClass, i); n > 0; n--) out.push("");
    }
    for (const line of commented(s, indent ? statement(s, indent) : topLevelStatement(s), indent)) out.push(line);
  });
  if (body.length === 0) out.push(indent + "pass");
  return out;
}

/**
 * Each top-level statement's lines: statements are never changed after they
 * are made, and the helpers a target adds are the same statements in every
 * module that uses them, so each is printed once per process.
 */
const topLevelLines = new WeakMap<A.Stmt, string[]>();

function topLevelStatement(s: A.Stmt): string[] {
  let lines = topLevelLines.get(s);
  if (!lines) topLevelLines.set(s, lines = statement(s, ""));
  return lines;
}

/** A statement's lines with its comments around them; ruff puts two spaces before a trailing comment. */
function commented(s: A.Stmt, lines: string[], indent: string): string[] {
  const before = (s.comments ?? []).map((c) => indent + c);
  const after = (s.commentsAfter ?? []).map((c) => indent + c);
  if (s.trailingComment) {
    const at = isDef(s) || s.kind === "If" || s.kind === "For" || s.kind === "While" || s.kind === "With"
      ? lines.findIndex((l) => l.endsWith(":"))
      : lines.length - 1;
    lines = lines.map((l, i) => (i === at ? `${l}  ${s.trailingComment}` : l));
  }
  return [...before, ...lines, ...after];
}

function headerLines(keyword: string, d: Doc, indent: string, suffix: string): string[] {
  return layout(d, indent, keyword, suffix);
}

function statement(s: A.Stmt, indent: string): string[] {
  const inner = indent + INDENT;
  switch (s.kind) {
    case "FunctionDef": {
      const decorators = s.decorators.flatMap((d) => layout(doc(d), indent, "@", ""));
      const params = group("(", s.params.map(paramDoc), ")");
      const returns = s.returns ? [" -> ", doc(s.returns)] : [];
      const head = headerLines(`def ${s.name}`, [params, ...returns], indent, ":");
      return [...decorators, ...head, ...block(s.body, inner, false, false)];
    }
    case "ClassDef": {
      const decorators = s.decorators.flatMap((d) => layout(doc(d), indent, "@", ""));
      const bases: Doc = s.bases.length ? group("(", s.bases.map(argDoc), ")") : "";
      const head = headerLines(`class ${s.name}`, bases, indent, ":");
      return [...decorators, ...head, ...block(s.body, inner, false, true)];
    }
    case "Return":
      return s.value ? valueLayout(s.value, indent, "return ") : [indent + "return"];
    case "Assign": {
      const targets = s.targets.map((t) => flat(targetDoc(t))).join(" = ");
      const annotation = s.annotation ? `: ${printExpr(s.annotation)}` : "";
      if (!s.value) return [indent + targets + annotation];
      return valueLayout(s.value, indent, `${targets}${annotation} = `);
    }
    case "AugAssign":
      return valueLayout(s.value, indent, `${flat(targetDoc(s.target))} ${s.op}= `);
    case "ExprStmt":
      if (isDocstring(s)) return docstring(s.value as A.Constant, indent);
      return layout(doc(s.value), indent, "", "");
    case "If": {
      const out = [...layout(doc(s.test), indent, "if ", ":"), ...block(s.body, inner, false, false)];
      let orelse = s.orelse;
      while (orelse.length === 1 && orelse[0].kind === "If") {
        const elif = orelse[0];
        out.push(...layout(doc(elif.test), indent, "elif ", ":"), ...block(elif.body, inner, false, false));
        orelse = elif.orelse;
      }
      if (orelse.length) out.push(indent + "else:", ...block(orelse, inner, false, false));
      return out;
    }
    case "For":
      return [
        ...layout(doc(s.iter), indent, `for ${flat(targetDoc(s.target))} in `, ":"),
        ...block(s.body, inner, false, false),
      ];
    case "While":
      return [...layout(doc(s.test), indent, "while ", ":"), ...block(s.body, inner, false, false)];
    case "With": {
      const items = s.items.map((item) =>
        flat(doc(item.context)) + (item.target ? ` as ${flat(targetDoc(item.target))}` : "")
      );
      return [`${indent}with ${items.join(", ")}:`, ...block(s.body, inner, false, false)];
    }
    case "Simple":
      return [indent + s.keyword];
    case "Import":
      return [indent + "import " + s.names.map(aliasText).join(", ")];
    case "ImportFrom":
      return layout(collection("(", s.names.map(aliasText), ")"), indent, `from ${s.module} import `, "")
        .map((line, _, all) => (all.length === 1 ? line.replace(/import \((.*)\)$/, "import $1") : line));
    case "Raise":
      return s.exc ? layout(doc(s.exc), indent, "raise ", "") : [indent + "raise"];
    case "Assert":
      return s.msg ? assertLayout(s.test, s.msg, indent) : layout(doc(s.test), indent, "assert ", "");
  }
}

/** `assert test, msg` as ruff splits one: the message in parentheses first, then the test. */
function assertLayout(test: A.Expr, msg: A.Expr, indent: string): string[] {
  const head = `${indent}assert ${flat(doc(test))}, `;
  const message = flat(doc(msg));
  if (head.length + message.length <= LINE_WIDTH) return [head + message];
  if (head.length + 1 <= LINE_WIDTH && indent.length + INDENT.length + message.length <= LINE_WIDTH) {
    return [head + "(", indent + INDENT + message, indent + ")"];
  }
  return layout([doc(test), ", ", doc(msg)], indent, "assert ", "");
}

function aliasText(a: A.Alias): string {
  return a.asname ? `${a.name} as ${a.asname}` : a.name;
}

/**
 * A docstring as ruff prints it: the first line stripped, the others
 * re-indented to the statement's indent with their relative indentation kept,
 * and the closing quotes on their own line when the text ended with one.
 */
function docstring(c: A.Constant, indent: string): string[] {
  const lines = String(c.value).split("\n");
  const closingOwnLine = lines.length > 1 && lines[lines.length - 1].trim() === "";
  if (closingOwnLine) lines.pop();
  const rest = lines.slice(1).filter((l) => l.trim());
  const common = Math.min(...rest.map((l) => l.length - l.trimStart().length));
  const body = lines.map((l, i) => {
    if (i === 0) return l.trim();
    return l.trim() ? indent + l.slice(common).trimEnd() : "";
  });
  const escaped = body.join("\n").replaceAll("\\", "\\\\").replaceAll('"""', '\\"\\"\\"');
  const closing = closingOwnLine ? `\n${indent}"""` : '"""';
  return (indent + '"""' + escaped + closing).split("\n");
}

/**
 * Prints a module as formatted Python source ending in one newline.
 *
 * @param module The module to print.
 * @returns Python text.
 * @example Print a parsed module
 * ```ts
 * printModule(parse("x=1").ir); // "x = 1\n"
 * ```
 */
export function printModule(module: A.Module): string {
  const lines = block(module.body, "", true, false);
  if (module.body.length === 0) return "";
  return lines.map((l) => l.trimEnd()).join("\n") + "\n";
}

/** `a.b.c`: attributes all the way down to a name. */
function attributeChain(e: A.Expr): boolean {
  return e.kind === "Name" || (e.kind === "Attribute" && attributeChain(e.value));
}
