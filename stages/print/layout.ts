/**
 * The layout engine of the printer: a `Doc` is flat text and bracketed
 * groups, printed on one line when it fits in ruff's 88 columns, else split
 * at the last bracket first, its items hugged on one indented line or one a
 * line; an operator chain is split as ruff splits one.
 *
 * @module
 */

/** ruff's line length. */
export const LINE_WIDTH = 88;
/** One level of indentation. */
export const INDENT = "    ";

/** A printable piece of an expression: flat text, a bracketed group or an operator chain that may split. */
export type Doc = string | Group | Chain | Doc[];

/** `a + b - c`: operands at one precedence, each with the operator before it (`""` for the first). */
export interface Chain {
  readonly operands: readonly (readonly [string, Doc])[];
}

/** An operator chain doc. */
export function chain(operands: readonly (readonly [string, Doc])[]): Chain {
  return { operands };
}

function isChain(doc: Doc): doc is Chain {
  return typeof doc === "object" && "operands" in doc;
}
/** A bracketed, comma-separated sequence of docs: where a line splits. */
export interface Group {
  /** The opening bracket. */
  readonly open: string;
  /** The comma-separated items. */
  readonly items: readonly Doc[];
  /** The closing bracket. */
  readonly close: string;
  /** A single-element tuple keeps its comma even when flat. */
  readonly trailingCommaFlat?: boolean;
  /** A subscript's brackets, which ruff does not count as an operand's own parentheses. */
  readonly subscript?: boolean;
  /**
   * A collection literal (tuple, list, dict): when split, ruff gives each of
   * several items its own line; call arguments and parameters may instead
   * share one indented line.
   */
  readonly collection?: boolean;
  /** Brackets around one expression (`(a if b else c)(x)`, a comprehension): split, its item takes no comma. */
  readonly parenthesized?: boolean;
  /** Parentheses written only when the group splits (ruff's around a long lambda body). */
  readonly optional?: boolean;
}

/** A group of call arguments, parameters or subscript items. */
export function group(open: string, items: readonly Doc[], close: string, trailingCommaFlat = false): Group {
  return { open, items, close, trailingCommaFlat };
}

/** A group of a collection literal (tuple, list, dict). */
export function collection(open: string, items: readonly Doc[], close: string, trailingCommaFlat = false): Group {
  return { open, items, close, trailingCommaFlat, collection: true };
}

/** Parentheses (or other brackets) around one expression that is not a collection item: no comma when split. */
export function parenthesized(doc: Doc, open = "(", close = ")"): Group {
  return { open, items: [doc], close, parenthesized: true };
}

/** Parentheses around one expression that appear only where it does not fit on its line. */
export function optionalParentheses(doc: Doc): Group {
  return { open: "(", items: [doc], close: ")", parenthesized: true, optional: true };
}

function isGroup(doc: Doc): doc is Group {
  return typeof doc === "object" && "items" in doc;
}

/** A doc on one line. */
export function flat(doc: Doc): string {
  if (typeof doc === "string") return doc;
  if (Array.isArray(doc)) return doc.map(flat).join("");
  if (isChain(doc)) return doc.operands.map(([op, d], i) => (i === 0 ? "" : ` ${op} `) + flat(d)).join("");
  const inner = doc.items.map(flat).join(", ");
  if (doc.optional) return inner;
  return doc.open + inner + (doc.trailingCommaFlat ? "," : "") + doc.close;
}

/** The top-level sequence of a doc: its parts with nested arrays flattened. */
function parts(doc: Doc): Doc[] {
  if (Array.isArray(doc)) return doc.flatMap(parts);
  if (isChain(doc)) return doc.operands.flatMap(([op, d], i) => (i === 0 ? parts(d) : [` ${op} `, ...parts(d)]));
  return [doc];
}

/** Lines for `doc` printed after `prefix` at `indent`, split where too long. */
export function layout(doc: Doc, indent: string, prefix: string, suffix: string): string[] {
  const one = indent + prefix + flat(doc) + suffix;
  if (one.length <= LINE_WIDTH) return [one];
  const seq = parts(doc);
  for (let i = seq.length - 1; i >= 0; i--) {
    const g = seq[i];
    if (!isGroup(g) || g.items.length === 0) continue;
    const head = prefix + seq.slice(0, i).map(flat).join("") + g.open;
    if ((indent + head).length > LINE_WIDTH && i > 0) continue;
    const inner = indent + INDENT;
    const hugged = inner + g.items.map(flat).join(", ") + (g.trailingCommaFlat ? "," : "");
    const hugs = !(g.collection && g.items.length > 1) && hugged.length <= LINE_WIDTH;
    // a subscript of one index takes no comma when split: `x[i,]` would index with the tuple `(i,)`
    const single = g.subscript && g.items.length === 1 && !g.trailingCommaFlat;
    const comma = g.parenthesized || single ? "" : ",";
    const body = hugs ? [hugged] : g.items.flatMap((item) => itemLayout(item, inner, comma));
    // what follows the closing bracket may split in turn, as ruff splits the tail line
    return [indent + head, ...body, ...layout(seq.slice(i + 1), indent, g.close, suffix)];
  }
  return [one];
}

/**
 * Lines for one item of a split bracket, with its comma (none inside
 * parentheses around one expression): an operator chain that does not fit is
 * broken before each operator, as ruff does inside brackets (a dict entry's
 * value too, after its key); anything else splits at its last bracket.
 */
function itemLayout(item: Doc, indent: string, comma: string): string[] {
  const one = indent + flat(item) + comma;
  // a dict entry `key: a / b` breaks its value's operators as an item's own chain, after the key
  const entry = Array.isArray(item) && item.length === 3 && item[1] === ": " ? item : undefined;
  const value = entry ? entry[2] : item;
  if (one.length <= LINE_WIDTH || !isChain(value)) return layout(item, indent, "", comma);
  const key = entry ? flat(entry.slice(0, 2)) : "";
  const lines = value.operands.flatMap(([op, d], i) => layout(d, indent, i === 0 ? key : `${op} `, ""));
  return [...lines.slice(0, -1), lines[lines.length - 1] + comma];
}

/** Docs joined by ", " without brackets. */
export function joinFlat(items: Doc[]): Doc {
  return items.flatMap((d, i) => (i === 0 ? [d] : [", ", d]));
}

/**
 * Lines for an operator chain `whole` that does not fit, whose `operands` each
 * come with the operator before them: split at an end operand's brackets when
 * that fits and there is one operator, else in parentheses, on one line inside
 * them or broken before each operator.
 */
export function chainLayout(whole: Doc, operands: readonly [string, Doc][], indent: string, prefix: string): string[] {
  if (operands.length === 2) {
    // ruff: one operator whose last operand ends (or first starts) with brackets
    // splits those brackets, without parentheses around the whole, when that fits.
    const seq = parts(whole);
    const [first, last] = [seq[0], seq[seq.length - 1]];
    const ownBrackets = (d: Doc) => isGroup(d) && d.items.length > 0 && !d.subscript;
    if (ownBrackets(last) || ownBrackets(first)) {
      const lines = layout(whole, indent, prefix, "");
      if (lines.length > 1 && lines.every((l) => l.length <= LINE_WIDTH)) return lines;
    }
  }
  const inner = indent + INDENT;
  const oneLine = inner + flat(whole);
  const body = oneLine.length <= LINE_WIDTH
    ? [oneLine]
    : operands.flatMap(([op, operand], i) => layout(operand, inner, i === 0 ? "" : `${op} `, ""));
  return [indent + prefix + "(", ...body, indent + ")"];
}
