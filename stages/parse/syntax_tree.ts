/**
 * A tree-sitter parse tree copied into plain objects in one walk of a tree
 * cursor. web-tree-sitter allocates a node object (and crosses into Wasm)
 * for every node access, and the converter reads a node's children many
 * times; the copy reads each node's type, field and span once, and finds
 * rows and columns from the text's line starts.
 *
 * @module
 */
import type { Tree } from "web-tree-sitter";

/** A row and a column, 0-based, as tree-sitter counts them. */
export interface Point {
  readonly row: number;
  readonly column: number;
}

/** The text of a parse and where its lines start. */
class SourceText {
  readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  /** The row of the last `point`: the converter asks for nearby offsets in turn. */
  private row = 0;

  /** The row and column of an offset (UTF-16 code units, as web-tree-sitter gives them). */
  point(index: number): Point {
    const starts = this.lineStarts;
    const near = this.row;
    if (starts[near] <= index && (near + 1 === starts.length || index < starts[near + 1])) {
      return { row: near, column: index - starts[near] };
    }
    let [low, high] = [0, starts.length - 1];
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    this.row = low;
    return { row: low, column: index - starts[low] };
  }
}

const NO_CHILDREN: readonly SyntaxNode[] = [];

/** One node of the copied tree, with the part of web-tree-sitter's `Node` interface the converter reads. */
export class SyntaxNode {
  /** The children, allocated with the first: most nodes are leaves. */
  private kids: SyntaxNode[] | undefined;

  constructor(
    private readonly source: SourceText,
    /** The grammar's node type. */
    readonly type: string,
    /** Whether the node is named (not an anonymous token). */
    readonly isNamed: boolean,
    /** The name of the field of its parent the node fills, if any. */
    readonly field: string | null,
    /** Where the node starts in the text. */
    readonly startIndex: number,
    /** Where the node ends in the text. */
    readonly endIndex: number,
  ) {}

  /** All children, in order, anonymous tokens and comments included. */
  get children(): readonly SyntaxNode[] {
    return this.kids ?? NO_CHILDREN;
  }

  /** Appends a child (while the tree is copied). */
  add(child: SyntaxNode): void {
    if (this.kids) this.kids.push(child);
    else this.kids = [child];
  }

  /** The named children. */
  get namedChildren(): SyntaxNode[] {
    return this.children.filter((c) => c.isNamed);
  }

  /** The node's text. */
  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  /** Where the node starts. */
  get startPosition(): Point {
    return this.source.point(this.startIndex);
  }

  /** Where the node ends. */
  get endPosition(): Point {
    return this.source.point(this.endIndex);
  }

  /** The child at an index, or null. */
  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  /** The first child filling a field, or null. */
  childForFieldName(name: string): SyntaxNode | null {
    return this.children.find((c) => c.field === name) ?? null;
  }

  /** The children filling a field. */
  childrenForFieldName(name: string): SyntaxNode[] {
    return this.children.filter((c) => c.field === name);
  }
}

/**
 * The root's named children of a parse tree, each copied when it is asked
 * for: a module's statements are converted one by one, so that only one of
 * them is copied at a time. Walked with a cursor (no recursion, so no tree
 * is too deep for it). Every `block` node copied is passed to `onBlock`
 * (with its subtree copied);
 * once `stop()` is true the rest is still copied (and passed) but no longer
 * yielded.
 *
 * @param tree A parse of `text`, alive until the children are read.
 * @param text The text parsed.
 * @param onBlock Sees each block when its subtree is copied.
 * @param stop Whether to yield no more children.
 * @returns The copies, in order.
 */
export function* copiedChildren(
  tree: Tree,
  text: string,
  onBlock: (block: SyntaxNode) => void,
  stop: () => boolean,
): Generator<SyntaxNode> {
  const source = new SourceText(text);
  const { types } = tree.language;
  const named: (boolean | undefined)[] = [];
  const cursor = tree.walk();
  const blocks: SyntaxNode[] = [];
  const visit = (): SyntaxNode => {
    const id = cursor.nodeTypeId;
    const isNamed = named[id] ??= cursor.nodeIsNamed;
    const node = new SyntaxNode(
      source,
      types[id] || "ERROR",
      isNamed,
      cursor.currentFieldName,
      cursor.startIndex,
      cursor.endIndex,
    );
    if (node.type === "block") blocks.push(node);
    return node;
  };
  /** The subtree at the cursor, which ends where it started. */
  const copy = (): SyntaxNode => {
    const top = visit();
    const path = [top];
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const node = visit();
        path[path.length - 1].add(node);
        path.push(node);
        continue;
      }
      for (;;) {
        path.pop();
        if (path.length === 0) return top;
        if (cursor.gotoNextSibling()) {
          const node = visit();
          path[path.length - 1].add(node);
          path.push(node);
          break;
        }
        cursor.gotoParent();
      }
    }
  };
  try {
    if (!cursor.gotoFirstChild()) return;
    do {
      if (!cursor.nodeIsNamed) continue;
      const child = copy();
      blocks.splice(0).forEach(onBlock);
      if (!stop()) yield child;
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
}
