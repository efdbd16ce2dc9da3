/**
 * The `parse` stage: Python text to the syntax tree of `ast.ts`, through
 * tree-sitter's Python grammar. Syntax errors and Python constructs the
 * transpiler does not handle become diagnostics; all of them are reported.
 *
 * @module
 */
import { Language, Parser } from "web-tree-sitter";
import { createRequire } from "node:module";
import type * as A from "./ast.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { ExpressionConverter, locOf, Unsupported } from "./parse/expressions.ts";
import { emptyBlock, isEmptyBlock, syntaxErrors } from "./parse/syntax_errors.ts";
import { copiedChildren, type SyntaxNode } from "./parse/syntax_tree.ts";

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
  const errors = tree.rootNode.hasError ? syntaxErrors(tree.rootNode) : [];
  if (errors.length) {
    tree.delete();
    return { ir: { kind: "Module", body: [] }, diagnostics: errors };
  }
  // without ERROR and MISSING nodes an empty block is the only syntax error; no statement after one is converted
  const empty: Diagnostic[] = [];
  const noteEmpty = (block: SyntaxNode) => isEmptyBlock(block) && empty.push(emptyBlock(block));
  const converter = new StatementConverter();
  let body: A.Stmt[];
  try {
    body = converter.statements(copiedChildren(tree, source, noteEmpty, () => empty.length > 0));
  } finally {
    tree.delete();
  }
  if (empty.length) return { ir: { kind: "Module", body: [] }, diagnostics: empty };
  return { ir: { kind: "Module", body }, diagnostics: converter.diagnostics };
}

/**
 * Where a text nests deepest: the statement holding the deepest node of its
 * parse tree, and that node's depth. Walked with a tree cursor, so that no
 * depth is too deep for it: it explains a stack overflow in the stages.
 *
 * @param source Python text.
 * @returns The statement's position and the depth.
 */
export function deepestNesting(source: string): { loc: A.Loc; depth: number } {
  const tree = pythonParser.parse(source);
  if (!tree) throw new Error("tree-sitter returned no tree");
  const cursor = tree.walk();
  let deepest = cursor.currentNode;
  let depth = 0;
  let most = 0;
  for (;;) {
    if (cursor.gotoFirstChild()) {
      if (++depth > most) [most, deepest] = [depth, cursor.currentNode];
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        let statement = deepest;
        while (statement.parent && !/_statement$|_definition$/.test(statement.type)) statement = statement.parent;
        const loc = locOf(statement);
        cursor.delete();
        tree.delete();
        return { loc, depth: most };
      }
      depth--;
    }
  }
}

/** Parsed table text (helpers, templates, signatures, import lines), by source; bounded, as emitters may build text. */
const constantParses = new Map<string, StageResult<A.Module>>();
const MAX_CONSTANT_PARSES = 4096;

/**
 * `parse` for the transpiler's own constant Python (helper sources,
 * templates, signatures, import lines): each text is parsed once per
 * process. The result is shared, so it is never mutated (its types are
 * readonly).
 *
 * @param source Python text from a table.
 * @returns The same result `parse(source)` gives.
 */
export function parseConstant(source: string): StageResult<A.Module> {
  const known = constantParses.get(source);
  if (known) return known;
  const parsed = parse(source);
  if (constantParses.size < MAX_CONSTANT_PARSES) constantParses.set(source, parsed);
  return parsed;
}

const COMPOUND_STATEMENTS = new Set([
  "if_statement",
  "for_statement",
  "while_statement",
  "with_statement",
  "function_definition",
  "class_definition",
  "decorated_definition",
]);

/** Converts statement nodes, recording diagnostics instead of throwing. */
class StatementConverter extends ExpressionConverter {
  /** The statements of a block, with its comments attached to them. */
  block(node: SyntaxNode): A.Stmt[] {
    return this.statements(node.namedChildren);
  }

  /** The statements of a block's named children (comments included), with the comments attached to them. */
  statements(children: Iterable<SyntaxNode>): A.Stmt[] {
    const out: A.Stmt[] = [];
    let pending: string[] = [];
    let lastRow = -1;
    for (const child of children) {
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

  statement(node: SyntaxNode): A.Stmt[] {
    const stmts = this.statementWithoutHeaderComments(node);
    return COMPOUND_STATEMENTS.has(node.type) && stmts.length === 1 ? [this.withHeaderComments(node, stmts[0])] : stmts;
  }

  /**
   * Comments tree-sitter keeps on a compound statement itself rather than in
   * its block: one on the header line ends the header, others lead the body.
   */
  withHeaderComments(node: SyntaxNode, stmt: A.Stmt): A.Stmt {
    const inner = node.type === "decorated_definition" ? node.childForFieldName("definition") ?? node : node;
    const comments = inner.children.filter((c) => c.type === "comment");
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

  statementWithoutHeaderComments(node: SyntaxNode): A.Stmt[] {
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
        if (node.children.some((c) => c.type === "async")) this.unsupported(node, "async for");
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
      case "with_statement": {
        if (node.children.some((c) => c.type === "async")) this.unsupported(node, "async with");
        const clause = this.named(node).find((c) => c.type === "with_clause");
        if (!clause) return this.unsupported(node, "with statement");
        const items = this.named(clause).map((item): A.WithItem => {
          const value = this.field(item, "value");
          if (value.type === "as_pattern") {
            const [context, alias] = this.named(value);
            return { context: this.expr(context), target: this.expr(this.named(alias)[0] ?? alias) };
          }
          return { context: this.expr(value) };
        });
        return [{ kind: "With", items, body: this.block(this.field(node, "body")), loc }];
      }
      case "import_statement":
        return [{ kind: "Import", names: this.named(node).map((c) => this.alias(c)), loc }];
      case "import_from_statement": {
        const moduleNode = this.field(node, "module_name");
        if (this.named(node).some((c) => c.type === "wildcard_import")) {
          this.unsupported(node, "wildcard import");
        }
        const names = node.childrenForFieldName("name").map((c) => this.alias(c));
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

  alias(node: SyntaxNode): A.Alias {
    if (node.type === "aliased_import") {
      return { name: this.field(node, "name").text, asname: this.field(node, "alias").text };
    }
    return { name: node.text };
  }

  assignment(node: SyntaxNode): A.Assign {
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

  ifStatement(node: SyntaxNode): A.If {
    const alternatives = node.childrenForFieldName("alternative");
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

  functionDef(node: SyntaxNode, decorators: A.Expr[]): A.FunctionDef {
    if (node.children.some((c) => c.type === "async")) this.unsupported(node, "async def");
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

  classDef(node: SyntaxNode, decorators: A.Expr[]): A.ClassDef {
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
}
