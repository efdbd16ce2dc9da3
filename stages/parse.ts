/**
 * The `parse` stage: Python text to the syntax tree of `ast.ts`, through
 * tree-sitter's Python grammar. Syntax errors and Python constructs the
 * transpiler does not handle become diagnostics; all of them are reported.
 *
 * @module
 */
import { Language, type Node as TsNode, Parser } from "web-tree-sitter";
import { createRequire } from "node:module";
import type * as A from "./ast.ts";
import { type Diagnostic, error } from "./diagnostics.ts";

async function loadPythonParser(): Promise<Parser> {
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve("tree-sitter-python/tree-sitter-python.wasm");
  await Parser.init();
  const language = await Language.load(await Deno.readFile(wasmPath));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

const pythonParser = await loadPythonParser();

/** The result of a stage: the new IR and what was found on the way. */
export interface StageResult<T> {
  readonly ir: T;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses Python source into a `Module`.
 *
 * @param source Python text.
 * @returns The module and one diagnostic per syntax error or unsupported construct.
 * @example Parse a function
 * ```ts
 * const { ir } = parse("def f(x):\n    return x\n");
 * ir.body[0].kind; // "FunctionDef"
 * ```
 */
export function parse(source: string): StageResult<A.Module> {
  const tree = pythonParser.parse(source);
  if (!tree) throw new Error("tree-sitter returned no tree");
  const converter = new Converter();
  const root = tree.rootNode;
  converter.collectSyntaxErrors(root);
  const body = converter.hasSyntaxErrors ? [] : converter.block(root);
  tree.delete();
  return { ir: { kind: "Module", body }, diagnostics: converter.diagnostics };
}

function locOf(node: TsNode): A.Loc {
  return { line: node.startPosition.row + 1, col: node.startPosition.column + 1 };
}

const COMPOUND_STATEMENTS = new Set([
  "if_statement",
  "for_statement",
  "while_statement",
  "function_definition",
  "class_definition",
  "decorated_definition",
]);
const BIN_OPS = new Set(["+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>"]);

/** Converts tree-sitter nodes, recording diagnostics instead of throwing. */
class Converter {
  readonly diagnostics: Diagnostic[] = [];
  hasSyntaxErrors = false;

  collectSyntaxErrors(node: TsNode): void {
    if (node.isMissing) {
      this.hasSyntaxErrors = true;
      this.diagnostics.push(error(locOf(node), `syntax error: missing \`${node.type}\``));
      return;
    }
    if (node.type === "ERROR") {
      this.hasSyntaxErrors = true;
      this.diagnostics.push(syntaxError(node));
      return;
    }
    if (node.type === "block" && this.named(node).length === 0 && !node.parent?.hasError) {
      // tree-sitter accepts `def f(x):` followed by an unindented line, with an empty body
      this.hasSyntaxErrors = true;
      this.diagnostics.push(error(locOf(node), "syntax error: expected an indented block after `:`"));
      return;
    }
    for (const child of node.namedChildren) if (child) this.collectSyntaxErrors(child);
  }

  unsupported(node: TsNode, what = node.type): never {
    this.diagnostics.push(error(locOf(node), `unsupported Python construct: ${what}`));
    throw new Unsupported();
  }

  named(node: TsNode): TsNode[] {
    return node.namedChildren.filter((c): c is TsNode => c !== null && c.type !== "comment");
  }

  field(node: TsNode, name: string): TsNode {
    const child = node.childForFieldName(name);
    if (!child) this.unsupported(node, `${node.type} without ${name}`);
    return child;
  }

  /** The statements of a block, with its comments attached to them. */
  block(node: TsNode): A.Stmt[] {
    const out: A.Stmt[] = [];
    let pending: string[] = [];
    let lastRow = -1;
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === "comment") {
        const last = out.at(-1);
        if (last && child.startPosition.row === lastRow && !last.trailingComment) {
          out[out.length - 1] = { ...last, trailingComment: child.text };
        } else pending.push(child.text);
        continue;
      }
      try {
        const stmts = this.statement(child);
        if (stmts.length && pending.length) {
          stmts[0] = { ...stmts[0], comments: pending };
          pending = [];
        }
        out.push(...stmts);
        lastRow = COMPOUND_STATEMENTS.has(child.type) ? -1 : child.endPosition.row;
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
      }
    }
    if (pending.length && out.length) {
      out[out.length - 1] = { ...out[out.length - 1], commentsAfter: pending };
    }
    return out;
  }

  statement(node: TsNode): A.Stmt[] {
    const stmts = this.statementWithoutHeaderComments(node);
    return COMPOUND_STATEMENTS.has(node.type) && stmts.length === 1 ? [this.withHeaderComments(node, stmts[0])] : stmts;
  }

  /**
   * Comments tree-sitter keeps on a compound statement itself rather than in
   * its block: one on the header line ends the header, others lead the body.
   */
  withHeaderComments(node: TsNode, stmt: A.Stmt): A.Stmt {
    const inner = node.type === "decorated_definition" ? node.childForFieldName("definition") ?? node : node;
    const comments = inner.children.filter((c): c is TsNode => c?.type === "comment");
    if (comments.length === 0 || !("body" in stmt)) return stmt;
    const headerRow = inner.startPosition.row;
    const trailing = comments.find((c) => c.startPosition.row === headerRow)?.text;
    const leading = comments.filter((c) => c.startPosition.row !== headerRow).map((c) => c.text);
    const [first, ...rest] = stmt.body;
    const body = first && leading.length
      ? [{ ...first, comments: [...leading, ...(first.comments ?? [])] }, ...rest]
      : stmt.body;
    return { ...stmt, body, trailingComment: trailing ?? stmt.trailingComment } as A.Stmt;
  }

  statementWithoutHeaderComments(node: TsNode): A.Stmt[] {
    const loc = locOf(node);
    switch (node.type) {
      case "expression_statement": {
        const [inner] = this.named(node);
        if (inner.type === "assignment") return [this.assignment(inner)];
        if (inner.type === "augmented_assignment") {
          const op = this.field(inner, "operator").text.slice(0, -1);
          return [{
            kind: "AugAssign",
            target: this.expr(this.field(inner, "left")),
            op: op as A.BinOperator,
            value: this.expr(this.field(inner, "right")),
            loc,
          }];
        }
        return [{ kind: "ExprStmt", value: this.exprList(node), loc }];
      }
      case "return_statement": {
        const children = this.named(node);
        return [{ kind: "Return", value: children.length ? this.exprList(node) : undefined, loc }];
      }
      case "pass_statement":
        return [{ kind: "Simple", keyword: "pass", loc }];
      case "break_statement":
        return [{ kind: "Simple", keyword: "break", loc }];
      case "continue_statement":
        return [{ kind: "Simple", keyword: "continue", loc }];
      case "function_definition":
        return [this.functionDef(node, [])];
      case "class_definition":
        return [this.classDef(node, [])];
      case "decorated_definition": {
        const decorators = this.named(node).filter((c) => c.type === "decorator")
          .map((d) => this.expr(this.named(d)[0]));
        const def = this.field(node, "definition");
        return [
          def.type === "class_definition" ? this.classDef(def, decorators) : this.functionDef(def, decorators),
        ];
      }
      case "if_statement":
        return [this.ifStatement(node)];
      case "for_statement":
        if (node.children.some((c) => c?.type === "async")) this.unsupported(node, "async for");
        if (node.childForFieldName("alternative")) this.unsupported(node, "for ... else");
        return [{
          kind: "For",
          target: this.expr(this.field(node, "left")),
          iter: this.expr(this.field(node, "right")),
          body: this.block(this.field(node, "body")),
          loc,
        }];
      case "while_statement":
        if (node.childForFieldName("alternative")) this.unsupported(node, "while ... else");
        return [{
          kind: "While",
          test: this.expr(this.field(node, "condition")),
          body: this.block(this.field(node, "body")),
          loc,
        }];
      case "import_statement":
        return [{ kind: "Import", names: this.named(node).map((c) => this.alias(c)), loc }];
      case "import_from_statement": {
        const moduleNode = this.field(node, "module_name");
        if (moduleNode.type === "relative_import") this.unsupported(node, "relative import");
        if (this.named(node).some((c) => c.type === "wildcard_import")) {
          this.unsupported(node, "wildcard import");
        }
        const names = node.childrenForFieldName("name").filter((c): c is TsNode => c !== null)
          .map((c) => this.alias(c));
        return [{ kind: "ImportFrom", module: moduleNode.text, names, loc }];
      }
      case "raise_statement": {
        const [exc] = this.named(node);
        if (node.childForFieldName("cause")) this.unsupported(node, "raise ... from");
        return [{ kind: "Raise", exc: exc ? this.expr(exc) : undefined, loc }];
      }
      case "assert_statement": {
        const [test, msg] = this.named(node);
        return [{ kind: "Assert", test: this.expr(test), msg: msg ? this.expr(msg) : undefined, loc }];
      }
      case "future_import_statement":
        return [];
      default:
        return this.unsupported(node, node.type.replaceAll("_", " "));
    }
  }

  alias(node: TsNode): A.Alias {
    if (node.type === "aliased_import") {
      return { name: this.field(node, "name").text, asname: this.field(node, "alias").text };
    }
    return { name: node.text };
  }

  assignment(node: TsNode): A.Assign {
    const loc = locOf(node);
    const targets: A.Expr[] = [this.expr(this.field(node, "left"))];
    const annotation = node.childForFieldName("type");
    let right = node.childForFieldName("right");
    while (right && right.type === "assignment") {
      targets.push(this.expr(this.field(right, "left")));
      right = right.childForFieldName("right");
    }
    return {
      kind: "Assign",
      targets,
      value: right ? this.exprOrList(right) : undefined,
      annotation: annotation ? this.expr(annotation) : undefined,
      loc,
    };
  }

  ifStatement(node: TsNode): A.If {
    const alternatives = node.childrenForFieldName("alternative")
      .filter((c): c is TsNode => c !== null);
    let orelse: A.Stmt[] = [];
    for (const alt of alternatives.reverse()) {
      if (alt.type === "else_clause") {
        orelse = this.block(this.field(alt, "body"));
      } else {
        orelse = [{
          kind: "If",
          test: this.expr(this.field(alt, "condition")),
          body: this.block(this.field(alt, "consequence")),
          orelse,
          loc: locOf(alt),
        }];
      }
    }
    return {
      kind: "If",
      test: this.expr(this.field(node, "condition")),
      body: this.block(this.field(node, "consequence")),
      orelse,
      loc: locOf(node),
    };
  }

  functionDef(node: TsNode, decorators: A.Expr[]): A.FunctionDef {
    if (node.children.some((c) => c?.type === "async")) this.unsupported(node, "async def");
    const returns = node.childForFieldName("return_type");
    return {
      kind: "FunctionDef",
      name: this.field(node, "name").text,
      params: this.params(this.field(node, "parameters")),
      body: this.block(this.field(node, "body")),
      decorators,
      returns: returns ? this.expr(returns) : undefined,
      loc: locOf(node),
    };
  }

  classDef(node: TsNode, decorators: A.Expr[]): A.ClassDef {
    const superclasses = node.childForFieldName("superclasses");
    return {
      kind: "ClassDef",
      name: this.field(node, "name").text,
      bases: superclasses ? this.args(superclasses) : [],
      body: this.block(this.field(node, "body")),
      decorators,
      loc: locOf(node),
    };
  }

  params(node: TsNode): A.Param[] {
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

  args(node: TsNode): A.Arg[] {
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
  exprList(node: TsNode): A.Expr {
    const items = this.named(node).map((c) => this.expr(c));
    return items.length === 1 ? items[0] : { kind: "Tuple", elts: items, loc: locOf(node) };
  }

  exprOrList(node: TsNode): A.Expr {
    return node.type === "expression_list" || node.type === "pattern_list"
      ? { kind: "Tuple", elts: this.named(node).map((c) => this.expr(c)), loc: locOf(node) }
      : this.expr(node);
  }

  expr(node: TsNode): A.Expr {
    const loc = locOf(node);
    switch (node.type) {
      case "identifier":
        return { kind: "Name", id: node.text, loc };
      case "attribute":
        return {
          kind: "Attribute",
          value: this.expr(this.field(node, "object")),
          attr: this.field(node, "attribute").text,
          loc,
        };
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
        const parts = node.childrenForFieldName("subscript").filter((c): c is TsNode => c !== null)
          .map((c) => this.expr(c));
        const trailingComma = parts.length === 1 &&
          node.children.some((c, i) => c?.type === "," && i > 1);
        const index: A.Expr = parts.length === 1 && !trailingComma ? parts[0] : { kind: "Tuple", elts: parts, loc };
        return { kind: "Subscript", value: this.expr(this.field(node, "value")), index, loc };
      }
      case "slice": {
        const parts: (A.Expr | undefined)[] = [undefined, undefined, undefined];
        let slot = 0;
        for (const c of node.children) {
          if (!c) continue;
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
        return {
          kind: "Constant",
          value: this.named(node).map((s) => (this.string(s) as A.Constant).value).join(""),
          isString: true,
          loc,
        };
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
      case "binary_operator": {
        const op = this.field(node, "operator").type;
        if (!BIN_OPS.has(op)) this.unsupported(node, `operator ${op}`);
        return {
          kind: "BinOp",
          op: op as A.BinOperator,
          left: this.expr(this.field(node, "left")),
          right: this.expr(this.field(node, "right")),
          loc,
        };
      }
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
          if (!c || c.isNamed) {
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

  comprehension(node: TsNode, brackets: "[]" | "()" | "{}"): A.Comprehension {
    const [bodyNode, ...clauses] = this.named(node);
    const generators: { target: A.Expr; iter: A.Expr; conditions: A.Expr[] }[] = [];
    for (const clause of clauses) {
      if (clause.type === "for_in_clause") {
        if (clause.children.some((c) => c?.type === "async")) this.unsupported(clause, "async comprehension");
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

  string(node: TsNode): A.Expr {
    const start = node.child(0)?.text ?? "";
    if (/[fF]/.test(start)) this.unsupported(node, "f-string");
    if (/[bB]/.test(start)) this.unsupported(node, "bytes literal");
    const raw = /[rR]/.test(start);
    let value = "";
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === "string_content") value += raw ? c.text : unescapePython(c.text);
      else if (c.type === "escape_sequence") value += raw ? c.text : unescapePython(c.text);
      else if (c.type === "interpolation") this.unsupported(c, "f-string");
    }
    return { kind: "Constant", value, isString: true, loc: locOf(node) };
  }
}

class Unsupported extends Error {}

const OPENING: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const CLOSING = new Set(Object.values(OPENING));
const COMPOUND_KEYWORDS = new Set(["def", "class", "if", "elif", "else", "for", "while", "with", "try", "except"]);

/** The most helpful description of a tree-sitter ERROR node: an unclosed bracket, a missing `:`, or the unexpected text. */
function syntaxError(node: TsNode): Diagnostic {
  const tokens = node.children.filter((c): c is TsNode => c !== null);
  const open: TsNode[] = [];
  for (const token of tokens) {
    if (OPENING[token.type]) open.push(token);
    else if (CLOSING.has(token.type)) {
      if (open.length === 0) return error(locOf(token), `syntax error: unmatched \`${token.type}\``);
      open.pop();
    }
  }
  if (open.length > 0) return error(locOf(open[0]), `syntax error: \`${open[0].type}\` was never closed`);
  const first = tokens[0];
  if (first && COMPOUND_KEYWORDS.has(first.type) && !tokens.some((t) => t.type === ":")) {
    const line = node.text.split("\n")[0].trimEnd();
    return error(
      { line: node.startPosition.row + 1, col: node.startPosition.column + line.length + 1 },
      "syntax error: expected `:`",
    );
  }
  const last = tokens.at(-1);
  if (last && BIN_OPS.has(last.type) && node.endPosition.row === last.endPosition.row) {
    return error(locOf(last), `syntax error: expected an expression after \`${last.type}\``);
  }
  return error(locOf(node), `syntax error: unexpected \`${node.text.split("\n")[0].slice(0, 30)}\``);
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
