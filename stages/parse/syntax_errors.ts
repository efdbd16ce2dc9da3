/**
 * Syntax errors: a tree-sitter parse tree's `ERROR` and `MISSING` nodes as
 * diagnostics that name the problem where it is (an unclosed bracket, a
 * missing `:`, an operator without its operand).
 *
 * @module
 */
import type { Node as TsNode } from "web-tree-sitter";
import { type Diagnostic, error } from "../diagnostics.ts";
import { BIN_OPS, locOf } from "./expressions.ts";
import type { Point } from "./syntax_tree.ts";

/**
 * Every syntax error in a parse tree that has some (`hasError`).
 *
 * @param node The tree's root.
 * @returns One diagnostic per error.
 */
export function syntaxErrors(node: TsNode): Diagnostic[] {
  const out: Diagnostic[] = [];
  collect(node, out);
  return out;
}

/** The part of a tree-sitter node (web-tree-sitter's or its copy) an empty block is found and reported by. */
interface BlockNode {
  readonly namedChildren: readonly ({ readonly type: string } | null)[];
  readonly startPosition: Point;
}

/**
 * Whether a block has no statements (comments only, or nothing).
 *
 * @param node A `block` node.
 * @returns True if it is empty.
 */
export function isEmptyBlock(node: BlockNode): boolean {
  return node.namedChildren.every((c) => c === null || c.type === "comment");
}

/**
 * The syntax error of an empty block.
 *
 * @param node An empty `block` node.
 * @returns Its diagnostic.
 */
export function emptyBlock(node: BlockNode): Diagnostic {
  // tree-sitter accepts `def f(x):` followed by an unindented line, with an empty body
  return error(locOf(node), "syntax error: expected an indented block after `:`");
}

function collect(node: TsNode, out: Diagnostic[]): void {
  if (node.isMissing) {
    out.push(error(locOf(node), `syntax error: missing \`${node.type}\``));
    return;
  }
  if (node.type === "ERROR") {
    out.push(syntaxError(node));
    return;
  }
  if (node.type === "block" && isEmptyBlock(node) && !node.parent?.hasError) {
    out.push(emptyBlock(node));
    return;
  }
  for (const child of node.namedChildren) if (child && (child.hasError || holdsBlocks(child))) collect(child, out);
}

/**
 * Whether a node without errors may still hold an empty block: statements
 * and their clauses do, expressions never, so the walk skips them (which
 * keeps it quick, and shallow on deeply nested expressions).
 */
function holdsBlocks(node: TsNode): boolean {
  const type = node.type;
  return type === "block" || type.endsWith("_statement") || type.endsWith("_definition") || type.endsWith("_clause");
}

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
