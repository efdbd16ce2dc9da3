/**
 * Tree-sitter expression nodes to the syntax tree of `ast.ts`: the half of
 * the parse stage that statements build on. Unsupported constructs record a
 * diagnostic and throw `Unsupported`, which the statement converter catches
 * so that the rest of the file is still read.
 *
 * @module
 */
import type * as A from "../ast.ts";
import { type Diagnostic, error } from "../diagnostics.ts";
import type { Point, SyntaxNode } from "./syntax_tree.ts";

/** The 1-based position of a tree-sitter node (web-tree-sitter's or its copy). */
export function locOf(node: { readonly startPosition: Point }): A.Loc {
  return { line: node.startPosition.row + 1, col: node.startPosition.column + 1 };
}

/** Binary operator tokens, Python spelling. */
/**
 * tree-sitter's grammar reads a starred target that opens a pattern list (`*self.a, b = t`) as the attribute or
 * subscript of a starred name (`(*self).a`): the star belongs to the whole target, so move it out.
 */
function hoistStar(base: A.Expr, build: (value: A.Expr) => A.Expr): A.Expr {
  return base.kind === "Starred" ? { ...base, value: build(base.value) } : build(base);
}

export const BIN_OPS = new Set(["+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>"]);

/** Thrown after an unsupported construct was reported, to skip its statement. */
export class Unsupported extends Error {}

/** Converts expression nodes, recording a diagnostic for each construct it cannot represent. */
export class ExpressionConverter {
  readonly diagnostics: Diagnostic[] = [];

  unsupported(node: SyntaxNode, what = node.type): never {
    this.diagnostics.push(error(locOf(node), `unsupported Python construct: ${what}`));
    throw new Unsupported();
  }

  named(node: SyntaxNode): SyntaxNode[] {
    return node.children.filter((c) => c.isNamed && c.type !== "comment");
  }

  field(node: SyntaxNode, name: string): SyntaxNode {
    const child = node.childForFieldName(name);
    if (!child) this.unsupported(node, `${node.type} without ${name}`);
    return child;
  }

  params(node: SyntaxNode): A.Param[] {
    return this.named(node).map((p): A.Param => {
      switch (p.type) {
        case "identifier":
          return { name: p.text };
        case "default_parameter":
          return { name: this.field(p, "name").text, default: this.expr(this.field(p, "value")) };
        case "typed_parameter": {
          const [inner] = this.named(p);
          const annotation = this.expr(this.field(p, "type"));
          if (inner.type === "list_splat_pattern") {
            return { name: this.named(inner)[0].text, star: "*", annotation };
          }
          if (inner.type === "dictionary_splat_pattern") {
            return { name: this.named(inner)[0].text, star: "**", annotation };
          }
          return { name: inner.text, annotation };
        }
        case "typed_default_parameter":
          return {
            name: this.field(p, "name").text,
            annotation: this.expr(this.field(p, "type")),
            default: this.expr(this.field(p, "value")),
          };
        case "list_splat_pattern":
          return { name: this.named(p)[0].text, star: "*" };
        case "dictionary_splat_pattern":
          return { name: this.named(p)[0].text, star: "**" };
        case "keyword_separator":
          return { name: "", star: "*" };
        default:
          return this.unsupported(p, `parameter form ${p.type}`);
      }
    });
  }

  args(node: SyntaxNode): A.Arg[] {
    return this.named(node).map((a): A.Arg => {
      switch (a.type) {
        case "keyword_argument":
          return { name: this.field(a, "name").text, value: this.expr(this.field(a, "value")) };
        case "list_splat":
          return { star: "*", value: this.expr(this.named(a)[0]) };
        case "dictionary_splat":
          return { star: "**", value: this.expr(this.named(a)[0]) };
        default:
          return { value: this.expr(a) };
      }
    });
  }

  /** The expressions of a statement like `return a, b`: one, or a tuple. */
  exprList(node: SyntaxNode): A.Expr {
    const items = this.named(node).map((c) => this.expr(c));
    return items.length === 1 ? items[0] : { kind: "Tuple", elts: items, loc: locOf(node) };
  }

  exprOrList(node: SyntaxNode): A.Expr {
    return node.type === "expression_list" || node.type === "pattern_list"
      ? { kind: "Tuple", elts: this.named(node).map((c) => this.expr(c)), loc: locOf(node) }
      : this.expr(node);
  }

  /**
   * A binary operator and the ones down its left operands (`a + b + c` is
   * `(a + b) + c`), converted with a loop, so no chain is too long for it.
   */
  binaryChain(node: SyntaxNode): A.Expr {
    const spine: { node: SyntaxNode; op: A.BinOperator }[] = [];
    let at = node;
    for (; at.type === "binary_operator"; at = this.field(at, "left")) {
      const op = this.field(at, "operator").type;
      if (!BIN_OPS.has(op)) this.unsupported(at, `operator ${op}`);
      spine.push({ node: at, op: op as A.BinOperator });
    }
    let result = this.expr(at);
    for (let i = spine.length - 1; i >= 0; i--) {
      const right = this.expr(this.field(spine[i].node, "right"));
      result = { kind: "BinOp", op: spine[i].op, left: result, right, loc: locOf(spine[i].node) };
    }
    return result;
  }

  expr(node: SyntaxNode): A.Expr {
    const loc = locOf(node);
    switch (node.type) {
      case "identifier":
        return { kind: "Name", id: node.text, loc };
      case "attribute":
        return hoistStar(this.expr(this.field(node, "object")), (value) => ({
          kind: "Attribute",
          value,
          attr: this.field(node, "attribute").text,
          loc,
        }));
      case "call": {
        const argsNode = this.field(node, "arguments");
        if (argsNode.type === "generator_expression") {
          return {
            kind: "Call",
            func: this.expr(this.field(node, "function")),
            args: [{ value: this.expr(argsNode) }],
            loc,
          };
        }
        return { kind: "Call", func: this.expr(this.field(node, "function")), args: this.args(argsNode), loc };
      }
      case "subscript": {
        const parts = node.childrenForFieldName("subscript").map((c) => this.expr(c));
        const trailingComma = parts.length === 1 &&
          node.children.some((c, i) => c.type === "," && i > 1);
        const index: A.Expr = parts.length === 1 && !trailingComma ? parts[0] : { kind: "Tuple", elts: parts, loc };
        return hoistStar(this.expr(this.field(node, "value")), (value) => ({ kind: "Subscript", value, index, loc }));
      }
      case "slice": {
        const parts: (A.Expr | undefined)[] = [undefined, undefined, undefined];
        let slot = 0;
        for (const c of node.children) {
          if (c.type === ":") slot++;
          else if (c.type !== "comment") parts[slot] = this.expr(c);
        }
        return { kind: "Slice", lower: parts[0], upper: parts[1], step: parts[2], loc };
      }
      case "integer":
      case "float":
        return { kind: "Constant", value: Number(node.text.replaceAll("_", "")), raw: node.text, loc };
      case "true":
        return { kind: "Constant", value: true, loc };
      case "false":
        return { kind: "Constant", value: false, loc };
      case "none":
        return { kind: "Constant", value: null, loc };
      case "ellipsis":
        return { kind: "Constant", value: "...", loc };
      case "string":
        return this.string(node);
      case "concatenated_string":
        return joinStrings(this.named(node).map((c) => this.string(c)), loc);
      case "generic_type": {
        // `Sequence[int]`, `tuple[int, ...]` in an annotation: a subscript of the generic
        const [generic, parameters] = this.named(node);
        const items = parameters ? this.named(parameters).map((c) => this.expr(c)) : [];
        const index: A.Expr = items.length === 1 ? items[0] : { kind: "Tuple", elts: items, loc };
        return { kind: "Subscript", value: this.expr(generic), index, loc };
      }
      case "union_type": {
        // `int | None` in an annotation
        const [first, ...rest] = this.named(node).map((c) => this.expr(c));
        return rest.reduce((left, right): A.Expr => ({ kind: "BinOp", op: "|", left, right, loc }), first);
      }
      case "type":
      case "parenthesized_expression": {
        const [inner] = this.named(node);
        return this.expr(inner);
      }
      case "tuple":
      case "expression_list":
      case "pattern_list":
      case "tuple_pattern":
        return { kind: "Tuple", elts: this.named(node).map((c) => this.expr(c)), loc };
      case "list":
      case "list_pattern":
        return { kind: "List", elts: this.named(node).map((c) => this.expr(c)), loc };
      case "dictionary": {
        const keys: A.Expr[] = [];
        const values: A.Expr[] = [];
        for (const pair of this.named(node)) {
          if (pair.type !== "pair") this.unsupported(pair, "dictionary unpacking");
          keys.push(this.expr(this.field(pair, "key")));
          values.push(this.expr(this.field(pair, "value")));
        }
        return { kind: "Dict", keys, values, loc };
      }
      case "binary_operator":
        return this.binaryChain(node);
      case "unary_operator":
        return {
          kind: "UnaryOp",
          op: this.field(node, "operator").type as "-" | "+" | "~",
          operand: this.expr(this.field(node, "argument")),
          loc,
        };
      case "not_operator":
        return { kind: "UnaryOp", op: "not", operand: this.expr(this.field(node, "argument")), loc };
      case "boolean_operator": {
        const op = this.field(node, "operator").type as "and" | "or";
        const left = this.expr(this.field(node, "left"));
        const right = this.expr(this.field(node, "right"));
        const values = left.kind === "BoolOp" && left.op === op ? [...left.values, right] : [left, right];
        return { kind: "BoolOp", op, values, loc };
      }
      case "comparison_operator": {
        const operands = this.named(node).map((c) => this.expr(c));
        const ops: string[] = [];
        let pending = "";
        for (const c of node.children) {
          if (c.isNamed) {
            if (pending) ops.push(pending.trim());
            pending = "";
            continue;
          }
          pending += ` ${c.type}`;
        }
        return { kind: "Compare", left: operands[0], ops, comparators: operands.slice(1), loc };
      }
      case "conditional_expression": {
        const [body, test, orelse] = this.named(node).map((c) => this.expr(c));
        return { kind: "IfExp", test, body, orelse, loc };
      }
      case "lambda": {
        const params = node.childForFieldName("parameters");
        return {
          kind: "Lambda",
          params: params ? this.params(params) : [],
          body: this.expr(this.field(node, "body")),
          loc,
        };
      }
      case "list_splat":
      case "list_splat_pattern":
        return { kind: "Starred", value: this.expr(this.named(node)[0]), loc };
      case "list_comprehension":
        return this.comprehension(node, "[]");
      case "generator_expression":
        return this.comprehension(node, "()");
      case "set_comprehension":
      case "dictionary_comprehension":
        return this.comprehension(node, "{}");
      case "keyword_argument":
        return this.unsupported(node, "keyword argument outside a call");
      default:
        return this.unsupported(node, node.type.replaceAll("_", " "));
    }
  }

  comprehension(node: SyntaxNode, brackets: "[]" | "()" | "{}"): A.Comprehension {
    const [bodyNode, ...clauses] = this.named(node);
    const generators: { target: A.Expr; iter: A.Expr; conditions: A.Expr[] }[] = [];
    for (const clause of clauses) {
      if (clause.type === "for_in_clause") {
        if (clause.children.some((c) => c.type === "async")) this.unsupported(clause, "async comprehension");
        generators.push({
          target: this.exprOrList(this.field(clause, "left")),
          iter: this.expr(this.field(clause, "right")),
          conditions: [],
        });
      } else if (clause.type === "if_clause") {
        generators.at(-1)?.conditions.push(this.expr(this.named(clause)[0]));
      } else this.unsupported(clause);
    }
    const isPair = bodyNode.type === "pair";
    return {
      kind: "Comprehension",
      brackets,
      key: isPair ? this.expr(this.field(bodyNode, "key")) : undefined,
      elt: this.expr(isPair ? this.field(bodyNode, "value") : bodyNode),
      generators,
      loc: locOf(node),
    };
  }

  string(node: SyntaxNode): A.Constant | A.FString {
    const start = node.child(0)?.text ?? "";
    if (/[bB]/.test(start)) this.unsupported(node, "bytes literal");
    const raw = /[rR]/.test(start);
    const isF = /[fF]/.test(start);
    const text = (t: string) => {
      const s = raw ? t : unescapePython(t);
      return isF ? s.replaceAll("{{", "{").replaceAll("}}", "}") : s;
    };
    const parts: A.FStringPart[] = [];
    for (const c of node.namedChildren) {
      if (c.type === "string_content" || c.type === "escape_sequence") parts.push(text(c.text));
      else if (c.type === "interpolation") parts.push(this.interpolation(c));
    }
    const loc = locOf(node);
    if (!isF) return { kind: "Constant", value: parts.join(""), isString: true, loc };
    return { kind: "FString", parts: mergeText(parts), loc };
  }

  /** One `{value!r:spec}` of an f-string. */
  interpolation(node: SyntaxNode): A.FStringField {
    if (node.children.some((c) => c.type === "=")) this.unsupported(node, "self-documenting f-string field `{x=}`");
    const value = this.expr(this.field(node, "expression"));
    const conversion = node.children.find((c) => c.type === "type_conversion")?.text.slice(1);
    const specNode = node.children.find((c) => c.type === "format_specifier");
    if (!specNode) return conversion ? { value, conversion } : { value };
    const spec: A.FStringPart[] = [];
    let at = specNode.startIndex + 1; // after the ':'
    for (const f of specNode.namedChildren) {
      if (f.type !== "format_expression") continue;
      spec.push(specNode.text.slice(at - specNode.startIndex, f.startIndex - specNode.startIndex));
      spec.push({ value: this.expr(this.field(f, "expression")) });
      at = f.endIndex;
    }
    spec.push(specNode.text.slice(at - specNode.startIndex));
    return { value, conversion, spec: mergeText(spec) };
  }
}

/** Adjacent literal texts joined, empty ones dropped. */
function mergeText(parts: readonly A.FStringPart[]): A.FStringPart[] {
  const out: A.FStringPart[] = [];
  for (const p of parts) {
    if (p === "") continue;
    const last = out.at(-1);
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}

/** `"a" f"{b}"`: implicitly concatenated strings, an f-string if any part is one. */
function joinStrings(strings: readonly (A.Constant | A.FString)[], loc: A.Loc): A.Constant | A.FString {
  if (strings.every((s) => s.kind === "Constant")) {
    return { kind: "Constant", value: strings.map((s) => s.value).join(""), isString: true, loc };
  }
  const parts = strings.flatMap((s) => (s.kind === "FString" ? s.parts : [s.value as string]));
  return { kind: "FString", parts: mergeText(parts), loc };
}

function unescapePython(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.|\n)/g, (_, e: string) => {
    switch (e[0]) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "0":
        return "\0";
      case "\n":
        return "";
      case "x":
      case "u":
        return String.fromCharCode(parseInt(e.slice(1), 16));
      default:
        return e;
    }
  });
}
